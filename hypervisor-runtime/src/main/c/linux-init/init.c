/* /init of the initramfs in the Linux-guest tests: loads the virtio modules it was given (if any), writes one line
 * into the kernel log, one to /dev/console and, if there is a virtio console, one line to /dev/hvc0 (and, with /echo present, answers
 * one line read from it); then powers off (Linux calls PSCI
 * SYSTEM_OFF, which stops only this VM; on riscv64 SBI SRST shutdown). Raw system calls: no C library needed. Built for
 * arm64 and riscv64. */
typedef unsigned long ul;

/* arm64 and riscv64 share the generic system call numbers; only the instruction and its registers differ. */
/* A system call with up to five arguments (mount(2) takes five). */
static long sys5(long n, long a, long b, long c, long d, long e)
{
#ifdef __aarch64__
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4) : "memory");
    return x0;
#else
    register long a7 __asm__("a7") = n;
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4) : "memory");
    return a0;
#endif
}

static long sys(long n, long a, long b, long c, long d) { return sys5(n, a, b, c, d, 0); }

#define AT_FDCWD (-100)
#define SYS_MKDIRAT 34
#define SYS_MOUNT 40
#define SYS_NANOSLEEP 101
#define SYS_MKNODAT 33
#define SYS_OPENAT 56
#define SYS_WRITE 64
#define SYS_EXIT 93
#define SYS_REBOOT 142
#define SYS_FINIT_MODULE 273
#define SYS_CLOSE 57
#define SYS_READ 63
#define SYS_IOCTL 29

static const char msg[] = "<6>init: hello from Linux user space under shyper\n";
static const char hvc[] = "init: hello through virtio-console\n";
static const char tty[] = "init: hello through /dev/console\n";

/* A module as the kernel package ships it: plain, or compressed (Debian 13's are .ko.xz), which finit_module
 * decompresses itself with MODULE_INIT_COMPRESSED_FILE. */
static void load_module(const char *path)
{
    long fd = sys(SYS_OPENAT, AT_FDCWD, (long)path, 0, 0);
    if (fd < 0) return;
    if (sys(SYS_FINIT_MODULE, fd, (long)"", 0, 0) < 0) sys(SYS_FINIT_MODULE, fd, (long)"", 4, 0);
    sys(SYS_CLOSE, fd, 0, 0, 0);
}

/* Copies the line of /proc/interrupts that names `what` to the kernel log, prefixed "init: <tag> ". */
static void log_interrupt_line(long kmsg, const char *tag, const char *what)
{
    static char buf[16384];
    static char out[256];
    long fd = sys(SYS_OPENAT, AT_FDCWD, (long)"/proc/interrupts", 0, 0);
    if (fd < 0) return;
    long n = 0, r;
    while (n < (long)sizeof(buf) - 1 && (r = sys(SYS_READ, fd, (long)buf + n, sizeof(buf) - 1 - n, 0)) > 0) n += r;
    sys(SYS_CLOSE, fd, 0, 0, 0);
    buf[n] = 0;
    for (long start = 0; start < n;) {
        long end = start;
        while (end < n && buf[end] != '\n') end++;
        int found = 0;
        for (long i = start; i < end && !found; i++) {
            long k = 0;
            while (what[k] && i + k < end && buf[i + k] == what[k]) k++;
            found = !what[k];
        }
        if (found) {
            long o = 0;
            for (const char *p = "<6>init: "; *p; p++) out[o++] = *p;
            for (const char *p = tag; *p; p++) out[o++] = *p;
            out[o++] = ' ';
            for (long i = start; i < end && o < (long)sizeof(out) - 2; i++) out[o++] = buf[i];
            out[o++] = '\n';
            sys(SYS_WRITE, kmsg, (long)out, o, 0);
        }
        start = end + 1;
    }
}

/* With /doorbell in the initramfs (doorbell test): load gpio_keys.ko, which requests the doorbell's interrupt
 * (the test's device tree names it in a gpio-keys button), and log its /proc/interrupts line before and after
 * three seconds in which a bare-metal VM rings. */
static void doorbell_watch(long kmsg)
{
    if (sys(SYS_OPENAT, AT_FDCWD, (long)"/doorbell", 0, 0) < 0) return;
    load_module("/gpio_keys.ko");
    sys(SYS_MKDIRAT, AT_FDCWD, (long)"/proc", 0555, 0);
    sys5(SYS_MOUNT, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
    log_interrupt_line(kmsg, "doorbell before", "doorbell");
    static const long three_seconds[2] = {3, 0};
    sys(SYS_NANOSLEEP, (long)three_seconds, 0, 0, 0);
    log_interrupt_line(kmsg, "doorbell after", "doorbell");
}

void _start(void)
{
    load_module("/virtio_mmio.ko");
    load_module("/virtio_console.ko");
    /* The kernel's own initramfs has /dev/console only; /dev/kmsg needs no driver open path. */
    sys(SYS_MKNODAT, AT_FDCWD, (long)"/dev/kmsg", 020600, (1 << 8) | 11);
    long fd = sys(SYS_OPENAT, AT_FDCWD, (long)"/dev/kmsg", 1, 0);
    if (fd >= 0) sys(SYS_WRITE, fd, (long)msg, sizeof(msg) - 1, 0);
    /* fd 1 is /dev/console, opened by the kernel for init: a driver that cannot open the console's port leaves it
     * closed (Linux's pl011 without an interrupt did), and user space could not print */
    sys(SYS_WRITE, 1, (long)tty, sizeof(tty) - 1, 0);
    sys(SYS_IOCTL, 1, 0x5409, 1, 0);    /* TCSBRK 1, tcdrain: an 8250 without an interrupt sends on a timer */
    if (fd >= 0) doorbell_watch(fd);
    sys(SYS_MKNODAT, AT_FDCWD, (long)"/dev/hvc0", 020600, (229 << 8) | 0);
    /* Opened once, before the line that tells the test to type: input that comes after it is buffered. */
    long con = sys(SYS_OPENAT, AT_FDCWD, (long)"/dev/hvc0", 2, 0);
    if (con >= 0) sys(SYS_WRITE, con, (long)hvc, sizeof(hvc) - 1, 0);
    /* With /echo in the initramfs: read one line of console input and answer it (input test). */
    if (con >= 0 && sys(SYS_OPENAT, AT_FDCWD, (long)"/echo", 0, 0) >= 0) {
        static char line[80] = "init: got ";
        long n = sys(SYS_READ, con, (long)line + 10, sizeof(line) - 11, 0);
        if (n > 0) sys(SYS_WRITE, con, (long)line, 10 + n, 0);
    }
    sys(SYS_REBOOT, 0xfee1dead, 0x28121969, 0x4321fedc, 0);     /* LINUX_REBOOT_CMD_POWER_OFF */
    sys(SYS_EXIT, 0, 0, 0, 0);
    for (;;) { }
}
