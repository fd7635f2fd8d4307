// Lyrebird relay benchmark: the reference floor, a minimal C relay (one thread, level-triggered epoll,
// one recv + one sendto per readiness event, fixed destinations, no validation, no latching).
//
// usage: refrelay <calls> <relay_base_port> <phone_base_port> <ports_file> <warmup_s> <window_s>
//
// Call i: leg A at 127.0.0.1:<relay_base + 4i> forwards to phone B (<phone_base + 4i + 2>) from leg B's socket,
// leg B at <relay_base + 4i + 2> forwards to phone A (<phone_base + 4i>) from leg A's socket. Writes <ports_file>
// ("legA legB" per call), then, from the first relayed packet + warmup, measures its own CPU time (getrusage) over
// the window and prints one "relay ..." line. Runs until killed.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return (double)t.tv_sec + (double)t.tv_nsec / 1e9; }
static double tv(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 7) { fprintf(stderr, "usage: refrelay <calls> <relay_base> <phone_base> <ports_file> <warmup_s> <window_s>\n"); return 2; }
  int calls = atoi(argv[1]), rb = atoi(argv[2]), pb = atoi(argv[3]); double warm = atof(argv[5]), window = atof(argv[6]);
  int n = 2 * calls, *fds = calloc(n, sizeof *fds);
  struct sockaddr_in *to = calloc(n, sizeof *to);
  int ep = epoll_create1(0);
  for (int j = 0; j < n; j++) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)(rb + 2 * j)) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a)) { perror("bind"); return 1; }
    fds[j] = fd;
    to[j].sin_family = AF_INET; to[j].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to[j].sin_port = htons((uint16_t)(pb + 2 * (j ^ 1)));   // packets received on leg j go to the other leg's phone
    struct epoll_event e = { .events = EPOLLIN, .data.u32 = (uint32_t)j };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
  }
  char tmp[4096]; snprintf(tmp, sizeof tmp, "%s.tmp", argv[4]);
  FILE *pf = fopen(tmp, "w");
  for (int i = 0; i < calls; i++) fprintf(pf, "%d %d\n", rb + 4 * i, rb + 4 * i + 2);
  fclose(pf); rename(tmp, argv[4]);

  unsigned long long relayed = 0, base = 0; int phase = 0; double t0 = 0; struct rusage r0, r1;
  struct epoll_event ev[256]; char buf[2048];
  for (;;) {
    int k = epoll_wait(ep, ev, 256, 100);
    for (int i = 0; i < k; i++) {
      int j = (int)ev[i].data.u32;
      ssize_t r = recv(fds[j], buf, sizeof buf, 0);
      if (r < 0) continue;
      if (sendto(fds[j ^ 1], buf, (size_t)r, 0, (struct sockaddr *)&to[j], sizeof to[j]) == r) relayed++;
    }
    if (phase == 0 && relayed > 0) { phase = 1; t0 = now_s() + warm; }
    else if (phase == 1 && now_s() >= t0) { phase = 2; getrusage(RUSAGE_SELF, &r0); base = relayed; t0 = now_s(); }
    else if (phase == 2 && now_s() >= t0 + window) {
      getrusage(RUSAGE_SELF, &r1);
      double wall = now_s() - t0, user = tv(r1.ru_utime) - tv(r0.ru_utime), sys = tv(r1.ru_stime) - tv(r0.ru_stime);
      printf("relay impl=c packets=%llu wall_s=%.3f user_s=%.3f sys_s=%.3f alloc_bytes=0 gc0=0 gc1=0 gc2=0\n", relayed - base, wall, user, sys);
      fflush(stdout); phase = 3;
    }
  }
}
