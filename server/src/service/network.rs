//! Reaching addresses an admin typed (a webhook's receiver, a mailbox's server)
//! without letting them reach this machine or the networks behind it.

use std::net::{IpAddr, SocketAddr};

/// Whether an address is one the server may not reach for an admin's setting (a
/// webhook, a mailbox): this machine, private and shared networks, link-local ones (cloud metadata services) and the like.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                // 100.64.0.0/10, carrier-grade NAT.
                || (a == 100 && (b & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // fc00::/7 unique local, fe80::/10 link-local.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| is_internal(IpAddr::V4(v4)))
        }
    }
}

/// Why an address was not reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the host could not be found")]
    NotFound,
    #[error("the host is on this machine or a private network, which this setting may not reach")]
    Internal,
}

/// The addresses of `host` to connect to, all checked: a caller connects to these
/// (never resolving again), so a name cannot point elsewhere between check and use.
pub async fn resolve(host: &str, port: u16, allow_internal: bool) -> Result<Vec<SocketAddr>, Refused> {
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|_| Refused::NotFound)?
        .collect();
    if addresses.is_empty() {
        return Err(Refused::NotFound);
    }
    if !allow_internal && addresses.iter().any(|a| is_internal(a.ip())) {
        return Err(Refused::Internal);
    }
    Ok(addresses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_told_apart_from_public_ones() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(internal.parse().unwrap()), "{internal}");
        }
        for public in ["93.184.216.34", "2606:2800:220:1::1", "100.128.0.1"] {
            assert!(!is_internal(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn names_are_resolved_and_internal_ones_refused_unless_allowed() {
        assert_eq!(resolve("localhost", 993, false).await, Err(Refused::Internal));
        let allowed = resolve("127.0.0.1", 993, true).await.unwrap();
        assert_eq!(allowed, vec!["127.0.0.1:993".parse::<SocketAddr>().unwrap()]);
        assert_eq!(resolve("no-such-host.invalid", 993, true).await, Err(Refused::NotFound));
    }
}
