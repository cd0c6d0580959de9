/* mkinitramfs/hostscan.h: what the build machine itself uses, for the `dep`
 * module set: its devices' modaliases, its mounted file system types, its
 * loaded modules. The text parsers are pure; the sysfs walk reads files. */
#ifndef MKINITRAMFS_HOSTSCAN_H
#define MKINITRAMFS_HOSTSCAN_H
#include "strlist.h"

/* Every distinct modalias under SYSFS/devices (the files named "modalias",
 * first line; symbolic links are not followed), sorted. Unreadable modalias
 * files are skipped. Returns 0, or the -errno of opening SYSFS/devices
 * (-ENOENT: no such directory), -ENOMEM. */
int hostscan_modaliases(const char *sysfs, struct strlist *out);

/* The distinct file system types of a /proc/mounts text (third field), a
 * FUSE subtype cut off ("fuse.sshfs" is "fuse"), sorted. 0 or -ENOMEM. */
int hostscan_mount_types(const char *text, struct strlist *out);

/* The distinct module names of a /proc/modules text (first field), sorted. */
int hostscan_loaded_modules(const char *text, struct strlist *out);

#endif
