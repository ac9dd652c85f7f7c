/* The shared-memory channel between the attacker and the victim (one page of a declared shared region). */
#ifndef CHANNEL_H
#define CHANNEL_H
#include "guest.h"
#define CHANNEL_MAGIC 0x4c4e4843u   /* "CHNL" */
#define RO_MAGIC 0x21214f52u        /* "RO!!": the victim writes it to the page the attacker may only read */
struct channel {
    volatile u32 magic;             /* written by the victim when it listens */
    volatile u32 attacker_done;     /* 1 when every attack ran */
    volatile u32 escapes;           /* attacks that were not contained (kept here across the attacker's resets) */
    volatile u32 victim_rtc_irqs;   /* the victim's passthrough interrupt has arrived this often */
    volatile char to_victim[64];
    volatile char to_attacker[64];
    volatile u32 victim_beats;      /* the victim's heartbeat count */
    volatile u32 watch;             /* bumped by the attacker: the victim starts a new watch window */
    volatile u32 watch_seen;        /* the window the victim measures */
    volatile u32 victim_gap_ms;     /* the longest gap between two beats in that window */
    volatile u32 attacker_boots;    /* the attacker counts its boots (SYSTEM_RESET restarts it) */
    volatile u32 icfgr_req;         /* bumped by the attacker: the victim turns its SPI's trigger back and forth */
    volatile u32 icfgr_done;        /* the request the victim has answered */
    volatile u32 icfgr_rounds;      /* how often it changed its trigger then */
    volatile u32 icfgr_lost;        /* and how often it found its last change undone */
};
#endif
