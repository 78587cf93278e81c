package dev.kexp.stdlib.cri;

import dev.kexp.stdlib.Cmd;
import dev.kexp.stdlib.ContainerRuntime;
import dev.kexp.stdlib.Setup;
import java.util.List;

/**
 * Docker Engine, reached by the kubelet through cri-dockerd: Kubernetes 1.24 removed dockershim, so
 * Docker needs Mirantis' CRI adapter beside it.
 */
public final class Docker implements ContainerRuntime {
  /** The cri-dockerd release installed beside Docker (its Debian package, amd64). */
  public static final String CRI_DOCKERD = "0.3.4";

  @Override
  public String word() {
    return "docker";
  }

  @Override
  public String description() {
    return "Docker Engine, reached by the kubelet through cri-dockerd.";
  }

  @Override
  public String criSocket() {
    return "unix:///var/run/cri-dockerd.sock";
  }

  @Override
  public List<Cmd> install(Setup s) {
    String deb = "cri-dockerd_" + CRI_DOCKERD + ".3-0.debian-bullseye_amd64.deb";
    return List.of(
        Cmd.root(
            "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io curl"),
        Cmd.root("systemctl enable --now docker"),
        Cmd.root(
            "curl -fsSL -o /var/tmp/"
                + deb
                + " https://github.com/Mirantis/cri-dockerd/releases/download/v"
                + CRI_DOCKERD
                + "/"
                + deb
                + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -q /var/tmp/"
                + deb),
        Cmd.root("systemctl enable --now cri-docker.socket cri-docker.service"));
  }

  @Override
  public Cmd version() {
    return Cmd.user("docker version --format '{{.Server.Version}}' && cri-dockerd --version");
  }
}
