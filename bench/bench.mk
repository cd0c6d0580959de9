# bench/bench.mk: `make bench`, liveinit side by side with Debian's live-boot
# (initramfs-tools) and dracut's dmsquash-live on the same kernel and squashfs.
# Included by the top Makefile (`include bench/bench.mk`), which defines B,
# DEPS_STAMP, MKINITRAMFS and SOURCE_DATE_EPOCH. Not part of `make check`.
# Everything it makes is under $(B)/bench/, except bench/RESULTS.md and
# bench/timeline.png, which it regenerates. bench/README.md tells more.
#
#   make bench          all of it: peers, images (timed), ISOs, boots, report
#   make bench-peers    only the peers' chroots ($(B)/bench/chroot/, download + dpkg)
#   make bench-report   only RESULTS.md and the chart, from the data already there
#
# Variables (environment or make's command line):
#   BENCH_GEN_RUNS      timed generations of each initramfs (default 5)
#   BENCH_MOST_RUNS     timed generations of liveinit --modules most (default 1)
#   BENCH_BOOTS         boots of each system and mode (default 5)
#   BENCH_BOOT_TIMEOUT  limit of each boot in seconds (default 300)
#   BENCH_SMP           virtual CPUs of each VM (default 1)
#   QEMU_ACCEL          tcg (default); kvm where nested virtualisation works

BENCH_DEPS_STAMP := $(B)/bench/.deps-ok
$(BENCH_DEPS_STAMP): bench/host-packages | $(DEPS_STAMP)
	boot/install-deps --list bench/host-packages
	@mkdir -p $(@D) && touch $@

BENCH_INPUTS := $(B)/initrd.img $(B)/vmlinuz $(B)/filesystem.squashfs $(MKINITRAMFS) $(B)/init/init $(B)/kernel/KVER

bench-peers: $(B)/kernel/KVER | $(BENCH_DEPS_STAMP)
	B=$(B) bench/mkpeers

bench: $(BENCH_INPUTS) | $(BENCH_DEPS_STAMP)
	B=$(B) bench/mkpeers
	B=$(B) bench/mkinitrds
	B=$(B) bench/mkisos
	B=$(B) bench/boots
	B=$(B) /usr/bin/python3 bench/report

bench-report: | $(BENCH_DEPS_STAMP)
	B=$(B) /usr/bin/python3 bench/report

.PHONY: bench bench-peers bench-report
