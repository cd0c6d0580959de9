# Extra checks for selftest=psync (tests/vm/56-persist-crash.t): writes the
# markers as pwrite.sh does, syncs, prints `SELFTEST PSYNC-DONE` and waits, so
# that the test can cut the power (kill QEMU) with the data on the volume.
. "$EXTRA_DIR/pwrite.sh"
sync
echo "SELFTEST PSYNC-DONE"
sleep 600
