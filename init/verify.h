/* init/verify.h: verify-checksums: before anything from the medium is used,
 * every file listed in its checksum file (sha256sums.txt, as the ISO builder
 * writes it; SHA256SUMS, sha256sum.txt and live-boot's md5sum.txt or MD5SUMS
 * are accepted too, SHA-256 preferred) is read and compared. A mismatch, a missing file or a missing list stops the boot. */
#ifndef LIVEINIT_VERIFY_H
#define LIVEINIT_VERIFY_H
#include "state.h"

void verify_checksums(struct boot_state *st);
#endif
