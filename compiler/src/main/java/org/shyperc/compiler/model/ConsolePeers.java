package org.shyperc.compiler.model;

/**
 * Where a virtio console's peer console is: the IPA `peer-console` gives, else the peer VM's
 * console whose own peer is this VM, else the peer's only console. The check (SHY0505) and
 * lowering read it from here, so they cannot disagree.
 */
public final class ConsolePeers {
    private ConsolePeers() { }

    /** The peer VM's console this one connects to, or null when there is none or no single one. */
    public static VmModel.Virtio peerConsole(Instance in, VmModel vm, VmModel.Virtio console) {
        VmModel.Peer p = console.peer();
        VmModel other = p == null ? null : in.vm(p.vm());
        if (other == null) return null;
        if (p.console() != null) {
            for (VmModel.Virtio v : other.virtio()) {
                if (v.kind().equals("console") && v.ipa() == p.console()) return v;
            }
            return null;
        }
        VmModel.Virtio paired = null;
        VmModel.Virtio only = null;
        int consoles = 0;
        int pairs = 0;
        for (VmModel.Virtio v : other.virtio()) {
            if (!v.kind().equals("console")) continue;
            consoles++;
            only = v;
            if (v.peer() != null && v.peer().vm().equals(vm.name())) {
                pairs++;
                paired = v;
            }
        }
        if (pairs == 1) return paired;
        return pairs == 0 && consoles == 1 ? only : null;
    }
}
