/* Freestanding helpers: memory, strings, CRC-32. */
#include "rt.h"

void *memset(void *d, int c, size_t n)
{
    u8 *p = d;
    while (n && ((u64)p & 7)) { *p++ = (u8)c; n--; }
    u64 w = (u8)c * 0x0101010101010101ull;
    /* 64 bytes a round, as memcpy: the page tables, stacks and the console's read page are zeroed at boot, and under
     * QEMU's TCG each round of the loop costs about what its stores do */
    for (; n >= 64; n -= 64, p += 64) {
        u64 *q = (u64 *)p;
        q[0] = w; q[1] = w; q[2] = w; q[3] = w; q[4] = w; q[5] = w; q[6] = w; q[7] = w;
    }
    for (; n >= 8; n -= 8, p += 8) *(u64 *)p = w;
    while (n--) *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    u8 *dp = d;
    const u8 *sp = s;
    if ((((u64)dp | (u64)sp) & 7) == 0) {
        /* 64 bytes a round: the payload copies at boot (a Linux kernel is tens of MB) are most of the hypervisor's own
         * boot time, and under QEMU's TCG every loop iteration costs as much as its loads and stores */
        for (; n >= 64; n -= 64, dp += 64, sp += 64) {
            const u64 *a = (const u64 *)sp;
            u64 *b = (u64 *)dp;
            u64 x0 = a[0], x1 = a[1], x2 = a[2], x3 = a[3], x4 = a[4], x5 = a[5], x6 = a[6], x7 = a[7];
            b[0] = x0; b[1] = x1; b[2] = x2; b[3] = x3; b[4] = x4; b[5] = x5; b[6] = x6; b[7] = x7;
        }
        for (; n >= 8; n -= 8, dp += 8, sp += 8) *(u64 *)dp = *(const u64 *)sp;
    }
    while (n--) *dp++ = *sp++;
    return d;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* IEEE CRC-32, the same as java.util.zip.CRC32, continued from `crc` (0 to start; crc32_update(crc32_update(0, a), b)
 * is the CRC of a followed by b). A byte a step from a 256-entry table made on first use, where it went bit by bit:
 * the blob check runs it over the whole blob, the first thing at boot; for the 1.2 KB blob of three VMs that is now
 * about 20,000 instructions, the table's 2,048 steps included, where it was 60,000. */
static u32 crc_table[256];

u32 crc32_update(u32 crc, const void *p, size_t n)
{
    if (!crc_table[1]) {
        for (u32 i = 0; i < 256; i++) {
            u32 c = i;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
            crc_table[i] = c;
        }
    }
    const u8 *b = p;
    u32 c = ~crc;
    while (n--) c = crc_table[(c ^ *b++) & 0xff] ^ (c >> 8);
    return ~c;
}

u32 crc32(const void *p, size_t n) { return crc32_update(0, p, n); }
