package dev.kexp.dsl.model;

/** {@code mysql(version: '8.0')}: the target of sysbench phases. */
public record Mysql(String version, SourceRef at) implements Workload {
  @Override
  public String word() {
    return "mysql";
  }

  @Override
  public boolean servesHttp() {
    return false;
  }

  @Override
  public boolean speaksMysql() {
    return true;
  }
}
