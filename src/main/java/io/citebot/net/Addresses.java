package io.citebot.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Which addresses citebot may send requests to on its own (feeds, their pages, webhooks): trusted hosts, and public addresses. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Whether {@code target} may be fetched: http(s), and either on the {@code trusted} host (the feed's own, which
     * the operator chose) or resolving only to public addresses (not loopback, private, link-local such as cloud
     * metadata services, unique-local, multicast or unspecified).
     */
    public static boolean mayFetch(URI target, String trusted) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
            return false;
        }
        if (trusted != null && host.equalsIgnoreCase(trusted)) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!isPublic(a)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not public either
        return !(first == 100 && second >= 64 && second < 128) && first != 0;
    }
}
