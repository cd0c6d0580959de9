#!/usr/bin/python3
"""tests/unit/bench-report.t: bench/report's reading of one boot (TAP).

The figures RESULTS.md quotes come from parse_boot: a made-up events file
(serial lines stamped with the host clock, then the BENCH-* sections the boot
printed) with every number chosen here, and the metrics computed by hand:
the stage and its parts, the kernel's unpacking, liveinit's finit_module time,
wait for the medium, e2fsck's run and own overhead, and RAM with the free pages on the
kernel's per-CPU lists counted free. Also a boot without the zoneinfo section
(no RAM figure rather than a wrong one) and one that never reached the root.
"""
import importlib.machinery
import importlib.util
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
loader = importlib.machinery.SourceFileLoader("bench_report", os.path.join(here, "..", "..", "bench", "report"))
spec = importlib.util.spec_from_loader("bench_report", loader)
report = importlib.util.module_from_spec(spec)
loader.exec_module(report)

# Host arrival 10.0 s for printk time 4.0: the kernel started 6.0 s after QEMU.
SERIAL = [
    (7.0, "[    1.000000] Linux version 6.1.0-57-amd64"),
    (10.0, "[    4.000000] Run /init as init process"),
    (11.5, "liveinit demo: live system ready"),
]
SECTIONS = {
    "MEMINFO": ["MemTotal:         983732 kB", "MemFree:          913968 kB",
                "MemAvailable:     849164 kB", "Shmem:               108 kB"],
    "ZONEINFO": ["Node 0, zone      DMA", "              count: 0",
                 "Node 0, zone    DMA32", "              count: 8982"],
    "MODULES": ["loop 32768 0 - Live 0x0", "squashfs 73728 1 - Live 0x0"],
    "MOUNTS": ["/dev/sr0 /run/live/medium iso9660 ro 0 0", "overlay / overlay rw 0 0"],
    "BOOTLOG": ["[   900 ms] step find the live medium: 900 ms"],
    "DMESG": [
        "[    1.000000] Linux version 6.1.0-57-amd64",
        "[    1.500000] Trying to unpack rootfs image as initramfs...",
        "[    1.900000] Freeing initrd memory: 3240K",
        "[    4.000000] Run /init as init process",
        "[    4.050000] liveinit: liveinit starting",
        "[    4.300000] liveinit: coldplug: 2 devices asked for a driver",
        "[    4.600000] sr 1:0:0:0: [sr0] scsi3-mmc drive: 4x/4x cd/rw xa/form2 tray",
        "[    4.700000] sr 1:0:0:0: Attached scsi CD-ROM sr0",
        "[    4.750000] liveinit: medium found: /dev/sr0 (iso9660, label LIVEINIT), images in /live",
        "[    4.780000] liveinit: e2fsck -p /dev/vda: exit status 0 (clean) after 25 ms",
        "[    4.800000] loop0: detected capacity change from 0 to 5952",
        "[    4.850000] liveinit: modules: 18 loaded, 300 ms in finit_module on the boot's path "
        "(600 ms more in the background, 2 ms of it waited for)",
        "[    4.950000] liveinit: leaving the initramfs after 950 ms (kernel uptime 4950 ms); starting /sbin/init",
        "[    5.000000] Not activating Mandatory Access Control as /sbin/tomoyo-init does not exist.",
    ],
}

tests = []


def check(description, got, expected, tolerance=1e-6):
    ok = got is not None and abs(got - expected) <= tolerance
    tests.append((ok, "%s (got %r, expected %r)" % (description, got, expected)))


def truth(description, value):
    tests.append((bool(value), description))


def events_file(sections, serial=SERIAL):
    fd, path = tempfile.mkstemp(suffix=".events")
    with os.fdopen(fd, "w") as f:
        for t, text in serial:
            f.write("%.6f\t%s\n" % (t, text))
        t = serial[-1][0] + 0.1
        f.write("%.6f\tBENCH-BEGIN\n" % t)
        for name, lines in sections.items():
            f.write("%.6f\tBENCH-%s\n" % (t, name))
            for line in lines:
                f.write("%.6f\t%s\n" % (t, line))
        f.write("%.6f\tBENCH-END\n" % t)
    return path


def parse(sections, serial=SERIAL):
    path = events_file(sections, serial)
    try:
        return report.parse_boot(path)
    finally:
        os.unlink(path)


m = parse(SECTIONS)
truth("a boot that printed its sections is read", m.get("ok"))
check("offset: the host time of kernel time 0 (the smallest arrival - printk time)", m.get("offset"), 6.0)
check("kernel: the printk time of \"Run /init\"", m.get("kernel"), 4.0)
check("unpack: \"Trying to unpack\" to \"Freeing initrd memory\"", m.get("unpack"), 0.4)
check("initramfs stage: \"Run /init\" to the TOMOYO line at the exec of /sbin/init", m.get("initramfs"), 1.0)
check("root: the exec to \"live system ready\" on the kernel's clock (11.5 - 6.0)", m.get("root"), 0.5)
check("part 1: \"Run /init\" to the CD's first line", m.get("to_cd"), 0.6)
check("part 2: the CD's first line to the loop device's", m.get("medium"), 0.2)
check("part 3: the loop device to the exec", m.get("loop_to_exec"), 0.2)
check("finit_module: init's own sum", m.get("li_finit"), 0.3)
check("the wait for the medium: coldplug's line to the CD's Attached line", m.get("li_wait_medium"), 0.4)
check("own overhead: stage - finit_module - the wait", m.get("li_overhead"), 0.3)
check("e2fsck: the time init logged for its run", m.get("li_fsck"), 0.025)
check("the rest: the overhead - the quiet period (0) - e2fsck", m.get("li_rest"), 0.275)
# 983732 - 849164 - 4 * 8982 kB in use; 913968 + 4 * 8982 kB free.
check("RAM in use leaves out the free pages on the per-CPU lists", m.get("used_mib"), 98640 / 1024.0)
check("free RAM counts them", m.get("free_mib"), 949896 / 1024.0)
check("their own row", m.get("pcp_mib"), 35928 / 1024.0)
check("Shmem", m.get("shmem_mib"), 108 / 1024.0)
check("modules loaded", m.get("modules"), 2)
truth("type of /: the last mount on /", m.get("root_type") == "overlay")

without_zones = dict(SECTIONS)
del without_zones["ZONEINFO"]
m = parse(without_zones)
truth("without the per-CPU counts there is no RAM figure (not MemAvailable's alone)",
      m.get("ok") and m.get("used_mib") is None and m.get("free_mib") is None)
check("... and the rest is still read: the stage", m.get("initramfs"), 1.0)
check("... and Shmem", m.get("shmem_mib"), 108 / 1024.0)

m = parse(SECTIONS, SERIAL[:-1])
truth("a boot that never said \"live system ready\" is not ok", not m.get("ok"))

print("1..%d" % len(tests))
for i, (ok, description) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, description))
sys.exit(0 if all(ok for ok, _ in tests) else 1)
