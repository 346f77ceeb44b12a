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
prog=$(mktemp)
trap 'rm -f "$rows" "$prog"' EXIT
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
# Experts (docs/tagging.md 4, 7.7.3's procedure: rounds of channel openings, login complete on an exchange), read
# from the packets of the login servers' networks in capture order, not from either implementation:
# - a channel opening is the client's SYN without ACK to a channel port (40001-40047), the first SYN of its TCP
#   stream; one 0.5 s or more after the previous opening starts a new round: "retry" (the first opening, round 1,
#   raises nothing);
# - a ladder attempt (the client to udp 33033, tcp 33033, 80 or 443; rung 0-3) beside the rounds raises
#   "fallback" when its rung is above the highest reached so far (before the login completed);
# - per TCP stream, the ACK number of the first server segment with payload and ACK is its answer mark; a client
#   FIN or RST closes the stream; the first server segment with ACK whose ACK number passes the mark (modulo 2^32)
#   on a stream the client has not closed completes the login: "complete".
cat >"$prog" <<'AWK'
function rung(tcp, port) { if (!tcp && port == 33033) return 0; if (tcp && port == 33033) return 1; if (tcp && port == 80) return 2; if (tcp && port == 443) return 3; return -1 }
BEGIN { round = 0; stage = -1; complete = 0; last = -1 }
{
  f = $1; t = $2; tcp = ($4 != ""); toServer = ($3 == client)
  sport = tcp ? $4 : $6; dport = tcp ? $5 : $7; sp = toServer ? dport : sport
  r = rung(tcp, sp); channel = tcp && sp >= 40001 && sp <= 40047; s = $8
  syn = ($9 == "1"); ack = ($10 == "1"); fin = ($11 == "1"); rst = ($12 == "1"); len = $13 + 0; a = $14 + 0
  if (toServer) {
    if (tcp && (fin || rst)) closed[s] = 1
    opening = tcp && channel && syn && !ack && !(s in opened); if (tcp && syn && !ack) opened[s] = 1
    if (opening) {
      if (last < 0) { if (round == 0) round = 1 }
      else if (!complete && t - last >= 0.5) { round++; print f "\tretry" }
      last = t
    } else if (r >= 0) {
      if (round == 0) { round = 1; stage = r }
      else if (!complete && r > stage) { stage = r; print f "\tfallback" }
    }
  } else if (tcp && (r >= 0 || channel) && ack) {
    d = (s in mark) ? (a - mark[s] + 4294967296) % 4294967296 : 0
    if (!complete && (s in mark) && !(s in closed) && d > 0 && d < 2147483648) { complete = 1; print f "\tcomplete" }
    if (!(s in mark) && len > 0 && !rst) mark[s] = a
  }
}
AWK
experts=$(tshark -n -r "$cap" -Y "!icmp && ip.addr in $nets && (tcp.port in {40001..40047, 33033, 80, 443} || udp.port == 33033)" \
  -T fields -E separator=/t -e frame.number -e frame.time_relative -e ip.src -e tcp.srcport -e tcp.dstport -e udp.srcport \
  -e udp.dstport -e tcp.stream -e tcp.flags.syn -e tcp.flags.ack -e tcp.flags.fin -e tcp.flags.reset -e tcp.len -e tcp.ack_raw 2>/dev/null |
  awk -F'\t' -v client=192.168.1.34 -f "$prog")
{ printf 'frame\texpert\n'; printf '%s\n' "$experts"; } >expected-experts.tsv
echo "expected.tsv: $(($(wc -l <expected.tsv) - 1)) frames; expected-experts.tsv: $(printf '%s\n' "$experts" | grep -c .) experts, complete at $(printf '%s\n' "$experts" | awk '$2 == "complete" { print $1 }')"
