/* riscv64 helpers: ticket spinlocks and fences (memory and CRC-32: common/string.c). */
#include "rt.h"

/* Ticket locks, as on aarch64: each waiter takes the next ticket (an AMO on the whole word) and waits for its turn;
 * only the owner writes the owner half, so a core that takes and releases a lock in a loop cannot keep a waiting
 * core from it for more than one turn per waiter ahead of it. HS runs with satp = Bare: AMOs on DRAM work as is. */
void spin_lock(spinlock_t *l)
{
    u32 ticket = __atomic_fetch_add(&l->v, 1u << 16, __ATOMIC_ACQUIRE) >> 16;
    while ((u16)__atomic_load_n(&l->v, __ATOMIC_ACQUIRE) != (u16)ticket) { }
}

void spin_unlock(spinlock_t *l)
{
    u16 next_owner = (u16)(l->v + 1);
    __atomic_store_n((volatile u16 *)&l->v, next_owner, __ATOMIC_RELEASE);
}

/* gcc 12 passes its own -march to the assembler last: the H instructions are enabled where they are used. */
#define H_INSN(i) ".option push\n.option arch, +h\n" i "\n.option pop"
void hfence_gvma_all(void) { __asm__ volatile(H_INSN("hfence.gvma zero, zero") ::: "memory"); }
void hfence_vvma_all(void) { __asm__ volatile(H_INSN("hfence.vvma zero, zero") ::: "memory"); }
void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

/* Debian's libgcc for riscv64 is built for lp64d, which soft-float objects cannot link with: the runtime (no FPU, so
 * that guests' floating-point registers are never touched) brings the two helpers it needs. */
int __ctzdi2(u64 v);
int __popcountdi2(u64 v);
int __ctzdi2(u64 v) { int n = 0; while (n < 64 && !(v & 1)) { v >>= 1; n++; } return n; }
int __popcountdi2(u64 v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }
