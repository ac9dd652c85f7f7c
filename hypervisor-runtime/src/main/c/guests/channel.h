/* The shared-memory channel between the attacker and the victim (one page of a declared shared region). */
#ifndef CHANNEL_H
#define CHANNEL_H
#include "guest.h"
#define CHANNEL_MAGIC 0x4c4e4843u   /* "CHNL" */
#define RO_MAGIC 0x21214f52u        /* "RO!!": the victim writes it to the page the attacker may only read */
struct channel {
    volatile u32 magic;             /* written by the victim when it listens */
    volatile u32 attacker_done;     /* 1 when every attack ran */
    volatile u32 escapes;           /* attacks that were not contained */
    volatile u32 victim_rtc_irqs;   /* the victim's passthrough interrupt has arrived this often */
    volatile char to_victim[64];
    volatile char to_attacker[64];
};
#endif
