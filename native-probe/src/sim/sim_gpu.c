/*
 * The simulated GPU: a virtual clock, engines, and streams (contexts, hardware queues, paging
 * queues) that execute packets in order: WORK occupies the stream's engine for its duration,
 * SIGNAL writes a fence value when the stream reaches it, WAIT blocks the stream until a fence
 * reaches a value. Fence values live in a memfd every client maps, so a client reads them exactly
 * as it reads a real fence page.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

struct sim_fence *sim_fence_new(struct sim *s, uint64_t initial)
{
    for (uint32_t i = 0; i < SIM_FENCE_POOL_SIZE / 8; i++) {
        if (!s->fence_slots[i]) {
            s->fence_slots[i] = 1;
            struct sim_fence *f = calloc(1, sizeof *f);
            f->slot = i;
            f->refs = 1;
            f->value = initial;
            f->changed_at = s->now;
            s->fence_pool[i] = initial;
            return f;
        }
    }
    return NULL;
}

void sim_fence_put(struct sim *s, struct sim_fence *f)
{
    if (f && --f->refs == 0) {
        s->fence_slots[f->slot] = 0;
        s->fence_pool[f->slot] = 0;
        free(f);
    }
}

void sim_fence_set(struct sim *s, struct sim_fence *f, uint64_t value)
{
    f->value = value;
    f->changed_at = s->now;
    __atomic_store_n(&s->fence_pool[f->slot], value, __ATOMIC_RELEASE);
}

uint64_t sim_fence_cpu_offset(const struct sim_fence *f)
{
    return (uint64_t)f->slot * 8;
}

struct sim_stream *sim_stream_new(struct sim *s, struct sim_adapter *a, int engine)
{
    struct sim_stream *st = calloc(1, sizeof *st);
    st->adapter = a;
    st->engine = engine;
    st->t = s->now;
    st->next_stream = s->streams;
    s->streams = st;
    return st;
}

void sim_stream_kill(struct sim_stream *st)
{
    /* Unlinked lazily by sim_gpu_run; pending packets are dropped with it. */
    if (st) {
        st->dead = 1;
        st->len = 0;
    }
}

void sim_stream_push(struct sim *s, struct sim_stream *st, struct packet p)
{
    if (st->len == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        struct packet *q = malloc(cap * sizeof *q);
        for (size_t i = 0; i < st->len; i++) {
            q[i] = st->q[(st->head + i) % st->cap];
        }
        free(st->q);
        st->q = q;
        st->head = 0;
        st->cap = cap;
    }
    p.submitted = s->now;
    if (p.fence) {
        p.fence->refs++;
    }
    st->q[(st->head + st->len) % st->cap] = p;
    st->len++;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

static void pop(struct sim *s, struct sim_stream *st)
{
    struct packet *p = &st->q[st->head];
    struct sim_fence *f = p->fence;
    st->head = (st->head + 1) % st->cap;
    st->len--;
    sim_fence_put(s, f);
}

/* When the head packet of st completes, or UINT64_MAX while it is blocked. */
static uint64_t head_done_at(const struct sim_stream *st)
{
    const struct packet *p = &st->q[st->head];
    uint64_t start = max64(st->t, p->submitted);
    switch (p->type) {
    case PKT_WAIT:
        return p->fence->value >= p->value ? max64(start, p->fence->changed_at) : UINT64_MAX;
    case PKT_SIGNAL:
        return start;
    default:
        return max64(start, st->adapter->busy_until[st->engine]) + p->duration;
    }
}

static void unlink_dead(struct sim *s)
{
    for (struct sim_stream **pp = &s->streams; *pp;) {
        struct sim_stream *st = *pp;
        if (st->dead) {
            *pp = st->next_stream;
            for (size_t i = 0; i < st->len; i++) {
                sim_fence_put(s, st->q[(st->head + i) % st->cap].fence);
            }
            free(st->q);
            free(st);
        } else {
            pp = &st->next_stream;
        }
    }
}

int sim_gpu_run(struct sim *s, uint64_t t)
{
    unlink_dead(s);
    int any = 0, progress;
    do {
        progress = 0;
        for (struct sim_stream *st = s->streams; st; st = st->next_stream) {
            while (st->len) {
                uint64_t done = head_done_at(st);
                if (done > t) {
                    break;
                }
                struct packet *p = &st->q[st->head];
                if (p->type == PKT_WORK) {
                    st->adapter->busy_until[st->engine] = done;
                } else if (p->type == PKT_SIGNAL) {
                    uint64_t now = s->now;
                    s->now = done; /* the value changes when the GPU gets there */
                    sim_fence_set(s, p->fence, p->value);
                    s->now = now;
                }
                st->t = done;
                pop(s, st);
                progress = 1;
            }
        }
        any |= progress;
    } while (progress);
    return any;
}

uint64_t sim_gpu_next_event(struct sim *s)
{
    uint64_t next = UINT64_MAX;
    for (struct sim_stream *st = s->streams; st; st = st->next_stream) {
        if (st->len && !st->dead) {
            uint64_t d = head_done_at(st);
            next = d < next ? d : next;
        }
    }
    return next;
}

void sim_advance(struct sim *s, uint64_t to)
{
    if (to > s->now) {
        s->now = to;
    }
    if (sim_gpu_run(s, s->now)) {
        sim_waits_check(s);
    }
}

/* ---- waits ---- */

int sim_wait_satisfied(const struct sim_wait *w)
{
    int reached = 0;
    for (int i = 0; i < w->count; i++) {
        reached += w->fences[i]->value >= w->values[i];
    }
    return w->any ? reached > 0 : reached == w->count;
}

void sim_wait_add(struct sim *s, struct sim_wait *w)
{
    for (int i = 0; i < w->count; i++) {
        w->fences[i]->refs++;
    }
    list_add_tail(&s->waits, &w->node);
    sim_waits_check(s);
}

static void finish(struct sim *s, struct sim_wait *w)
{
    list_del(&w->node);
    w->done(s, w);
    for (int i = 0; i < w->count; i++) {
        sim_fence_put(s, w->fences[i]);
    }
    free(w);
}

void sim_waits_check(struct sim *s)
{
    struct list *pos, *n;
    list_for_each_safe(pos, n, &s->waits) {
        struct sim_wait *w = list_entry(pos, struct sim_wait, node);
        if (sim_wait_satisfied(w)) {
            finish(s, w);
            /* done may have changed the list: start over */
            n = s->waits.next;
        }
    }
}

int sim_wait_jump(struct sim *s, struct sim_wait *w)
{
    while (!sim_wait_satisfied(w)) {
        uint64_t next = sim_gpu_next_event(s);
        if (next == UINT64_MAX) {
            return 0; /* nothing queued can ever satisfy it */
        }
        if (next > s->now) {
            s->now = next;
        }
        if (!sim_gpu_run(s, s->now)) {
            return 0;
        }
    }
    return 1;
}
