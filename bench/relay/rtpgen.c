// Lyrebird relay benchmark: RTP load generator and timestamping sink (loopback only).
//
// usage: rtpgen <calls> <phone_base_port> <ports_file> <pps_per_stream> <seconds>
//
// Simulates 2 phones per call. Phone A of call i is bound to 127.0.0.1:<phone_base_port + 4i>, phone B to
// <phone_base_port + 4i + 2>; each sends <pps_per_stream> RTP packets/s (172 bytes: 12-byte RTP header + 160 bytes,
// G.711 20 ms) from its own socket to the relay port read from <ports_file> (one line per call: "legA legB"), so a
// relay sees 2 x calls streams. The payload carries the stream id and CLOCK_REALTIME send time; the receiving phone
// takes the kernel receive timestamp (SO_TIMESTAMPNS) and records the latency in a 1 us histogram.
// Streams are staggered uniformly over the packet period. Prints one "gen ..." line of key=value results.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PKT 172
#define HIST_US 200000

static int calls, streams, pps, seconds, phone_base;
static int *fds;                     // fds[2i] = phone A of call i, fds[2i+1] = phone B
static struct sockaddr_in *dst;      // where stream s (sent by socket s) goes: the relay leg of its phone
static volatile int stop_sink;
static unsigned long long *sent_per, *recv_per, *reordered_per;
static uint16_t *last_seq;
static unsigned long long hist[HIST_US + 1];
static unsigned long long received_total;

static uint64_t now_ns(clockid_t c) { struct timespec t; clock_gettime(c, &t); return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec; }

static void *sink(void *arg) {
  (void)arg;
  int ep = epoll_create1(0);
  for (int s = 0; s < streams; s++) {
    struct epoll_event e = { .events = EPOLLIN, .data.u32 = (uint32_t)s };
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[s], &e);
  }
  struct epoll_event ev[512];
  unsigned char buf[2048], ctrl[256];
  while (!stop_sink) {
    int n = epoll_wait(ep, ev, 512, 50);
    for (int i = 0; i < n; i++) {
      int fd = fds[ev[i].data.u32];
      for (;;) {
        struct iovec iov = { buf, sizeof buf };
        struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl, .msg_controllen = sizeof ctrl };
        ssize_t r = recvmsg(fd, &mh, MSG_DONTWAIT);
        if (r < 0) break;
        uint64_t rx = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
          if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec ts; memcpy(&ts, CMSG_DATA(c), sizeof ts);
            rx = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
          }
        if (!rx) rx = now_ns(CLOCK_REALTIME);
        if (r < 12 + 12) continue;
        uint32_t sid; uint64_t tx; memcpy(&sid, buf + 12, 4); memcpy(&tx, buf + 16, 8);
        if (sid >= (uint32_t)streams) continue;
        uint16_t seq = (uint16_t)((buf[2] << 8) | buf[3]);
        if (recv_per[sid] && (int16_t)(seq - last_seq[sid]) <= 0) reordered_per[sid]++;
        last_seq[sid] = seq;
        recv_per[sid]++; received_total++;
        uint64_t lat = rx > tx ? (rx - tx) / 1000 : 0;
        hist[lat > HIST_US ? HIST_US : lat]++;
      }
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: rtpgen <calls> <phone_base_port> <ports_file> <pps_per_stream> <seconds>\n"); return 2; }
  calls = atoi(argv[1]); phone_base = atoi(argv[2]); pps = atoi(argv[4]); seconds = atoi(argv[5]);
  streams = 2 * calls;
  fds = calloc(streams, sizeof *fds); dst = calloc(streams, sizeof *dst);
  sent_per = calloc(streams, 8); recv_per = calloc(streams, 8); reordered_per = calloc(streams, 8); last_seq = calloc(streams, 2);
  FILE *pf = fopen(argv[3], "r");
  if (!pf) { perror("ports file"); return 1; }
  for (int i = 0; i < calls; i++) {
    int a, b;
    if (fscanf(pf, "%d %d", &a, &b) != 2) { fprintf(stderr, "ports file has fewer than %d lines\n", calls); return 1; }
    for (int k = 0; k < 2; k++) {
      int s = 2 * i + k;
      int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
      int on = 1, sz = 1 << 20;
      setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
      struct sockaddr_in me = { .sin_family = AF_INET, .sin_port = htons((uint16_t)(phone_base + 4 * i + 2 * k)) };
      me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (bind(fd, (struct sockaddr *)&me, sizeof me)) { perror("bind phone"); return 1; }
      fds[s] = fd;
      dst[s].sin_family = AF_INET; dst[s].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      dst[s].sin_port = htons((uint16_t)(k == 0 ? a : b));
    }
  }
  fclose(pf);

  pthread_t th; pthread_create(&th, NULL, sink, NULL);
  unsigned char pkt[PKT]; memset(pkt, 0xD5, sizeof pkt);   // mu-law silence-ish payload
  pkt[0] = 0x80; pkt[1] = 0;                                // V=2, PT 0 (PCMU)
  uint64_t period = 1000000000ull / (uint64_t)pps;
  uint64_t start = now_ns(CLOCK_MONOTONIC) + 50000000ull, end = start + (uint64_t)seconds * 1000000000ull;
  uint64_t round = 0; int cursor = 0;
  for (;;) {
    uint64_t due = start + round * period + period * (uint64_t)cursor / (uint64_t)streams;
    if (due >= end) break;
    uint64_t t = now_ns(CLOCK_MONOTONIC);
    if (due > t) {
      if (due - t > 200000) { struct timespec ts = { 0, (long)(due - t - 100000) }; nanosleep(&ts, NULL); }
      continue;
    }
    int s = cursor;
    uint16_t seq = (uint16_t)sent_per[s];
    uint32_t rtpts = (uint32_t)(sent_per[s] * 160), ssrc = htonl((uint32_t)s + 1), sid = (uint32_t)s;
    pkt[2] = (unsigned char)(seq >> 8); pkt[3] = (unsigned char)seq;
    rtpts = htonl(rtpts); memcpy(pkt + 4, &rtpts, 4); memcpy(pkt + 8, &ssrc, 4);
    uint64_t tx = now_ns(CLOCK_REALTIME);
    memcpy(pkt + 12, &sid, 4); memcpy(pkt + 16, &tx, 8);
    if (sendto(fds[s], pkt, PKT, 0, (struct sockaddr *)&dst[s], sizeof dst[s]) == PKT) sent_per[s]++;
    if (++cursor == streams) { cursor = 0; round++; }
  }
  usleep(1000000);   // let packets still queued in the relay drain: loss is packets that never arrive
  stop_sink = 1; pthread_join(th, NULL);

  unsigned long long sent = 0, reordered = 0; double worst = 0;
  for (int s = 0; s < streams; s++) {
    sent += sent_per[s]; reordered += reordered_per[s];
    double l = sent_per[s] ? 100.0 * (double)((long long)sent_per[s] - (long long)recv_per[s]) / (double)sent_per[s] : 0;
    if (l > worst) worst = l;
  }
  double p[4] = { 0.5, 0.99, 0.999, 1.0 }, v[4] = { -1, -1, -1, -1 };
  unsigned long long c = 0;
  for (int i = 0; i <= HIST_US; i++) {
    c += hist[i];
    for (int k = 0; k < 4; k++) if (v[k] < 0 && hist[i] && c >= (unsigned long long)(p[k] * (double)received_total)) v[k] = i;
  }
  printf("gen calls=%d streams=%d pps_per_stream=%d offered_pps=%d sent=%llu received=%llu loss_pct=%.4f worst_stream_loss_pct=%.2f reordered=%llu lat_p50_us=%.0f lat_p99_us=%.0f lat_p999_us=%.0f lat_max_us=%.0f\n",
         calls, streams, pps, streams * pps, sent, received_total,
         sent ? 100.0 * (double)((long long)sent - (long long)received_total) / (double)sent : 0, worst, reordered, v[0], v[1], v[2], v[3]);
  return 0;
}
