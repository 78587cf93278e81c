# Sourced by the benchmarks: the nginx they all load, 1 worker answering `return 200` on
# 127.0.0.1:$2, access log off, keep-alive unlimited, its files under $1/nginx.
start_nginx() {
  local dir="$1/nginx" port="$2"
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 40000; }
worker_rlimit_nofile 40000;
http {
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  server { listen 127.0.0.1:$port backlog=4096; location / { return 200 "ok"; } }
}
CONF
  nginx -c "$dir/nginx.conf"
}
