# Extra checks run by live-selftest when the kernel command line has
# selftest=example. Sourced by /usr/bin/live-selftest (busybox sh): use st_ok,
# st_notok, st_check DESC WHAT-IT-SAW COMMAND..., st_info, mount_get DIR FIELD,
# and the facts $root_type $lowers $upper $work $medium_type $medium_dev.
id=$(sed -n 's/^ID=//p' /etc/os-release)
st_check "os-release says ID=liveinit-demo" "ID=$id" [ "$id" = liveinit-demo ]
st_check "hostname is liveinit" "hostname is $(hostname)" [ "$(hostname)" = liveinit ]
