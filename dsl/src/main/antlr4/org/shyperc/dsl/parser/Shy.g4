// The .shy language: board files and system files.
// Keywords are tokens so the parser can name them in "expected" sets; `name`
// accepts every keyword too, so a device may still be called `console`.
grammar Shy;

file        : importDecl* decl* EOF ;
// `import "file.shy"` names a file; `import board "rpi4"` a board of the board library.
importDecl  : IMPORT BOARD? STRING SEMI? ;
decl        : boardDecl | systemDecl ;

// ---- boards -------------------------------------------------------------
boardDecl   : BOARD name LBRACE boardItem* RBRACE ;
boardItem
    : ARCH name SEMI?                                             # boardArch
    | COMPATIBLE STRING (COMMA STRING)* SEMI?                     # boardCompatible
    | MODEL STRING SEMI?                                          # boardModel
    | CPUS number STRING? (MPIDR mpidr=list)?
          (ENABLE_METHOD method=name release=list?)? SEMI?        # boardCpus
    | MEMORY name AT number SIZE number SEMI?                     # boardMemory
    | GIC name LBRACE setting* RBRACE                             # boardGic
    | PLIC AT number SIZE number (LBRACE setting* RBRACE)?        # boardPlic
    | TIMER IRQ list SEMI?                                        # boardTimer
    | DEVICE name STRING AT number SIZE number (IRQ irqSpec)?
          (LBRACE deviceItem* RBRACE)? SEMI?                      # boardDevice
    | HYPERVISOR LBRACE setting* RBRACE                           # boardHypervisor
    ;
irqSpec     : number | list ;
deviceItem
    : DT_PATH STRING SEMI?                                        # deviceDtPath
    | DMA SEMI?                                                   # deviceDma
    | IOMMU name (STREAM number)? SEMI?                           # deviceIommu
    | PROPERTY STRING value? SEMI?                                # deviceProperty
    ;
// Settings inside `gic`, `plic` and `hypervisor` blocks: the binder knows the keys.
setting
    : name AT number (SIZE number)? SEMI?                         # frameSetting
    | name value SEMI?                                            # valueSetting
    ;

// ---- systems ------------------------------------------------------------
systemDecl  : SYSTEM name FOR name (COMMA name)* LBRACE systemItem* RBRACE ;
systemItem  : vmDecl | sharedDecl | onBlock | consoleDecl ;
onBlock     : ON name LBRACE (vmDecl | sharedDecl | consoleDecl)* RBRACE ;
// `console to VM`: the board's physical console (the hypervisor's UART) belongs to that VM,
// which may pass it through; the hypervisor keeps printing on it.
consoleDecl : CONSOLE TO name SEMI? ;
// The name and the kind are required, but optional here: a header without one is read on as written, and the one
// error is said where it is missing (AstBuilder for the name, the binder for the kind) instead of by a recovery that
// took the next word for it and stumbled on the rest of the header.
vmDecl      : VM name? (COLON name? modifier*)? LBRACE vmItem* RBRACE ;
// A VM's modifier (`management`), and the words of `on`, `start` and `watchdog`: a name, but not a word that starts a
// VM statement, so that a header missing its `{` ends where the block's first statement starts (DslParser's recovery
// then supplies the `{`): one error, not one for each word of the block.
modifier
    : IDENT | IMPORT | BOARD | SYSTEM | FOR | VM | ARCH | COMPATIBLE | MODEL | MPIDR | ENABLE_METHOD
    | SIZE | GIC | PLIC | TIMER | IRQ | DEVICE | DT_PATH | DMA | IOMMU | STREAM
    | PROPERTY | HYPERVISOR | ATW | PA | ENTRY | SHARED | RW | RO | TO | NOCACHE | HUGEPAGES | DOORBELL | WITH
    ;
vmItem
    : CPUS list SEMI?                                             # vmCpus
    | MEMORY AT number SIZE number (ATW PA number)? memAttr* SEMI? # vmMemory
    | KERNEL STRING AT number (ENTRY number)? SEMI?               # vmKernel
    | INITRD STRING AT number SEMI?                               # vmInitrd
    | DTB AT number SEMI?                                         # vmDtb
    | BOOTARGS STRING SEMI?                                       # vmBootargs
    | PASSTHROUGH name (AT number)? memAttr* SEMI?                # vmPassthrough
    // a window of the board's address space: every device in it goes to the VM
    | PASSTHROUGH AT number SIZE number (ATW PA number)? memAttr* SEMI? # vmPassthroughWindow
    // settings of the device: a disk's sectors, a console's peer, a MAC (the binder knows the keys)
    | VIRTIO name AT number (SIZE number)? IRQ number
          (LBRACE setting* RBRACE)? SEMI?                         # vmVirtio
    | CONSOLE AT number SEMI?                                     # vmConsole
    // cache colouring: the colours of the board's last-level cache the VM's RAM is made of
    // (a list or range of colour numbers, or a count the compiler picks); `shared`: other VMs may use them too
    | COLOURS (list | number) SHARED? SEMI?                       # vmColours
    // VM lifecycle: `on fault|off|reset restart|halt|stop-system`, `start boot|waiting`, `watchdog N ms`
    // their words are `modifier`s: a statement left unfinished at the end of its line (`watchdog 100`) does not take
    // the next line's first word (`on`) for its own, which made two errors and lost the next statement
    | ON event=modifier policy=modifier SEMI?                     # vmOn
    | START startMode=modifier SEMI?                              # vmStart
    | WATCHDOG number unitName=modifier SEMI?                     # vmWatchdog
    ;
sharedDecl  : SHARED name SIZE number (ATW PA number)? memAttr* LBRACE (sharedMap | doorbell)* RBRACE ;
sharedMap   : name AT number access SEMI? ;
// doorbells (issue 13): `doorbell A to B irq N`: A may ring B, which takes virtual SPI N;
// `doorbell A with B irq N`: both ways, each taking SPI N
doorbell    : DOORBELL from=name (TO | WITH) to=name IRQ number SEMI? ;
access      : RW | RO ;
// memory attributes (issue 13): how stage 2 maps a region; the binder says where each applies
memAttr     : NOCACHE | DEVICE | HUGEPAGES number ;

// ---- values -------------------------------------------------------------
value       : number | STRING | list | name ;
list        : LBRACK (listItem (COMMA listItem)* COMMA?)? RBRACK ;
listItem    : number DOTDOT number                                # rangeItem
            | value                                               # valueItem
            ;
number      : INT unit? ;
unit        : KIB | MIB | GIB | TIB ;
name        : IDENT | keyword ;
keyword
    : IMPORT | BOARD | SYSTEM | FOR | ON | VM | ARCH | COMPATIBLE | MODEL | CPUS | MPIDR | ENABLE_METHOD
    | MEMORY | SIZE | GIC | PLIC | TIMER | IRQ | DEVICE | DT_PATH | DMA | IOMMU | STREAM
    | PROPERTY | HYPERVISOR | ATW | PA | KERNEL | ENTRY | INITRD | DTB | BOOTARGS
    | PASSTHROUGH | VIRTIO | CONSOLE | SHARED | RW | RO | TO
    // memory attributes
    | NOCACHE | HUGEPAGES
    // cache colouring
    | COLOURS
    // doorbells
    | DOORBELL | WITH
    // VM lifecycle
    | START | WATCHDOG
    ;

// ---- tokens -------------------------------------------------------------
IMPORT      : 'import' ;
BOARD       : 'board' ;
SYSTEM      : 'system' ;
FOR         : 'for' ;
ON          : 'on' ;
VM          : 'vm' ;
ARCH        : 'arch' ;
COMPATIBLE  : 'compatible' ;
MODEL       : 'model' ;
CPUS        : 'cpus' ;
MPIDR       : 'mpidr' ;
ENABLE_METHOD : 'enable-method' ;
MEMORY      : 'memory' ;
SIZE        : 'size' ;
GIC         : 'gic' ;
PLIC        : 'plic' ;
TIMER       : 'timer' ;
IRQ         : 'irq' ;
DEVICE      : 'device' ;
DT_PATH     : 'dt-path' ;
DMA         : 'dma' ;
IOMMU       : 'iommu' ;
STREAM      : 'stream' ;
PROPERTY    : 'property' ;
HYPERVISOR  : 'hypervisor' ;
ATW         : 'at' ;
PA          : 'pa' ;
KERNEL      : 'kernel' ;
ENTRY       : 'entry' ;
INITRD      : 'initrd' ;
DTB         : 'dtb' ;
BOOTARGS    : 'bootargs' ;
PASSTHROUGH : 'passthrough' ;
VIRTIO      : 'virtio' ;
CONSOLE     : 'console' ;
SHARED      : 'shared' ;
RW          : 'rw' ;
RO          : 'ro' ;
TO          : 'to' ;
// memory attributes
NOCACHE     : 'nocache' ;
HUGEPAGES   : 'hugepages' ;
// cache colouring
COLOURS     : 'colours' ;
// doorbells
DOORBELL    : 'doorbell' ;
WITH        : 'with' ;
// VM lifecycle
START       : 'start' ;
WATCHDOG    : 'watchdog' ;
KIB         : 'KiB' ;
MIB         : 'MiB' ;
GIB         : 'GiB' ;
TIB         : 'TiB' ;

LBRACE      : '{' ;
RBRACE      : '}' ;
LBRACK      : '[' ;
RBRACK      : ']' ;
COMMA       : ',' ;
SEMI        : ';' ;
COLON       : ':' ;
AT          : '@' ;
DOTDOT      : '..' ;

INT         : '0x' [0-9a-fA-F_]+
            | '0b' [01_]+
            | [0-9] [0-9_]*
            ;
IDENT       : [a-zA-Z_] [a-zA-Z0-9_\-]* ;
// Any character may follow a backslash here, so `\x` is one error at the escape (Literals), not a cut string.
STRING      : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Cannot contain `*/`: with `.*?` it also matched a closed comment ending the file, and won.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS          : [ \t\r\n\f]+ -> channel(HIDDEN) ;
ERROR_CHAR  : . ;
