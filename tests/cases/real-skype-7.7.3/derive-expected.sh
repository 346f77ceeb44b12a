#!/usr/bin/env bash
# Writes expected.tsv and expected-experts.tsv of this case from the review's tshark filters
# (docs/skype-7.7.3.md, section 5 "Frames the proposed set should tag"), not from either implementation.
# One filter per rule of the 7.7.3 set; a frame matched by two filters, or a count that differs from the
# review's, stops the script. Run from this folder: bash derive-expected.sh (needs tshark).
set -euo pipefail
cap=capture.pcap
# echo-cert (docs/skype-7.7.3.md 3 C): the Messenger gateway's TLS session is tagged from the frame where tshark
# shows a server certificate naming a gateway (CN or subjectAltName *.gateway.messenger.live.com) to its end.
gateway='^([a-z0-9_-]{1,63}|[*])[.]gateway[.]messenger[.]live[.]com$'
read -r cert_frame cert_stream < <(tshark -n -r "$cap" -Y "tcp.srcport == 443 && (x509sat.uTF8String matches \"$gateway\" || x509sat.printableString matches \"$gateway\" || x509ce.dNSName matches \"$gateway\")" -T fields -e frame.number -e tcp.stream 2>/dev/null | head -1)
nets='{111.221.74.0/24, 111.221.77.0/24, 157.55.130.0/24, 157.55.235.0/24, 157.55.56.0/24, 157.56.52.0/24, 213.199.179.0/24, 64.4.23.0/24, 65.55.223.0/24}'
feedback='{91.190.216.0/21}'
# G (docs/skype-7.7.3.md 3): each peer's address and port, from the frame of the second connection's SYN on (both
# connections from then on), for the six pairs 1.0-1.7 s apart; 76.167.161.6:20274 (4.1 s apart) stays untagged.
peer_pairs='(ip.addr == 71.238.7.203 && tcp.port == 18767 && frame.number >= 1492)'
peer_pairs+=' || (ip.addr == 5.248.186.221 && tcp.port == 31010 && frame.number >= 1493)'
peer_pairs+=' || (ip.addr == 81.83.77.141 && tcp.port == 17639 && frame.number >= 1540)'
peer_pairs+=' || (ip.addr == 82.224.110.241 && tcp.port == 38895 && frame.number >= 1702)'
peer_pairs+=' || (ip.addr == 80.121.84.93 && tcp.port == 62381 && frame.number >= 1821)'
peer_pairs+=' || (ip.addr == 93.79.224.176 && tcp.port == 14506 && frame.number >= 1958)'
# rule|step|group|count the review gives|filter (ICMP frames quote headers and are never tagged: !icmp everywhere)
rules=(
  "login-dns|1|login-server|14|dns.qry.name matches \"^dsn([0-9]|1[0-7])[.]d[.]skype[.]net\$\""
  "feedback-dns|6|feedback|28|dns.qry.name matches \"^[0-9]{1,5}([.][0-9]{1,5}){2,5}[.]rst([0-9]|1[0-3])[.]r[.]skype[.]net\$\""
  "update-dns|5|version-update|8|dns.qry.name == \"ui.skype.com\""
  "login-range|1|login-server|639|ip.addr in $nets && (udp.port in {40001..40047, 33033} || tcp.port in {40001..40047, 33033})"
  "login-fallback|1|login-server|266|ip.addr in $nets && tcp.port == 443"
  "login-range-web|1|login-server|2|ip.addr in $nets && udp.port == 443"
  "echo-cert|3|nat-echo|340|tcp.stream == $cert_stream && frame.number >= $cert_frame"
  "feedback-range|6|feedback|44|ip.addr in $feedback && tcp.port == 12350"
  "feedback-fallback|6|feedback|16|ip.addr in $feedback && tcp.port == 443"
  "supernode-relay|2|supernode|166|tcp.port == 13392"
  "supernode-udp|2|supernode|12|udp.srcport == 13021 && ip.dst in {174.49.171.224, 83.31.12.173, 189.138.161.88, 189.188.134.174}"
  "peer-udp|8|peer|1|udp.srcport == 13021 && ip.dst == 133.236.67.25"
  "peer-retry|8|peer|168|$peer_pairs"
  "peer-fallback|8|peer|6|ip.addr == 80.121.84.93 && tcp.port == 443"
)
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for r in "${rules[@]}"; do
  IFS='|' read -r rule step group want filter <<<"$r"
  frames=$(tshark -n -r "$cap" -Y "!icmp && ($filter)" -T fields -e frame.number 2>/dev/null)
  got=$(printf '%s\n' "$frames" | grep -c . || true)
  if [ "$got" != "$want" ]; then echo "$rule: $got frames, the review counts $want" >&2; exit 1; fi
  printf '%s\n' "$frames" | awk -v s="$step" -v g="$group" -v r="$rule" 'NF { print $1 "\t" s "\t" g "\t" r "\t7.7.3" }' >>"$rows"
done
dups=$(cut -f1 "$rows" | sort -n | uniq -d)
if [ -n "$dups" ]; then echo "frames matched by two filters: $dups" >&2; exit 1; fi
{ printf 'frame\tstep\tgroup\trule\tversion\n'; sort -n -k1,1 "$rows"; } >expected.tsv
# docs/tagging.md 4: no ladder attempt precedes the first answer of a login server on a channel port or TCP
# rung (the first attempt is a channel SYN), so the only expert is the completion on that answer.
first=$(tshark -n -r "$cap" -Y "ip.src in $nets && (tcp.srcport in {40001..40047} || tcp.srcport == 443)" -T fields -e frame.number 2>/dev/null | head -1)
printf 'frame\texpert\n%s\tcomplete\n' "$first" >expected-experts.tsv
echo "expected.tsv: $(($(wc -l <expected.tsv) - 1)) frames; expected-experts.tsv: complete at $first"
