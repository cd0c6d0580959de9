# selftest=layers: what the stacked layers show the running system.
st_info "layer-note=$(cat /etc/layer-note 2>/dev/null || echo none) hostname=$(hostname)"
