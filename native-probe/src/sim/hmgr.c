#include "hmgr.h"

#include <stdlib.h>
#include <string.h>

#define GROW 1024
#define MIN_FREE 128
#define MAX_INDEX 0xFFFFFF

void hmgr_init(struct hmgr *t)
{
    memset(t, 0, sizeof *t);
    t->free_head = t->free_tail = UINT32_MAX;
}

void hmgr_destroy(struct hmgr *t)
{
    free(t->entries);
    hmgr_init(t);
}

static void push_free(struct hmgr *t, uint32_t i)
{
    t->entries[i].next_free = UINT32_MAX;
    if (t->free_tail == UINT32_MAX) {
        t->free_head = i;
    } else {
        t->entries[t->free_tail].next_free = i;
    }
    t->free_tail = i;
    t->free_count++;
}

static int grow(struct hmgr *t)
{
    if (t->size + GROW > MAX_INDEX) {
        return 0;
    }
    struct hmgr_entry *e = realloc(t->entries, (size_t)(t->size + GROW) * sizeof *e);
    if (!e) {
        return 0;
    }
    t->entries = e;
    for (uint32_t i = t->size; i < t->size + GROW; i++) {
        t->entries[i] = (struct hmgr_entry){.unique = 1};
        push_free(t, i);
    }
    t->size += GROW;
    return 1;
}

uint32_t hmgr_alloc(struct hmgr *t, uint32_t type, void *object)
{
    if (t->free_count <= MIN_FREE && !grow(t) && t->free_count == 0) {
        return 0;
    }
    uint32_t i = t->free_head;
    struct hmgr_entry *e = &t->entries[i];
    t->free_head = e->next_free;
    if (t->free_head == UINT32_MAX) {
        t->free_tail = UINT32_MAX;
    }
    t->free_count--;
    e->type = type;
    e->object = object;
    e->destroyed = 0;
    return (e->unique << 30) | (i << 6);
}

static struct hmgr_entry *entry(const struct hmgr *t, uint32_t handle)
{
    uint32_t i = HMGR_INDEX(handle);
    if ((handle & 0x3F) || i >= t->size) {
        return NULL;
    }
    struct hmgr_entry *e = &t->entries[i];
    if (e->type == 0 || e->destroyed || e->unique != HMGR_UNIQUE(handle)) {
        return NULL;
    }
    return e;
}

void *hmgr_get(const struct hmgr *t, uint32_t handle, uint32_t type)
{
    struct hmgr_entry *e = entry(t, handle);
    return e && (type == 0 || e->type == type) ? e->object : NULL;
}

uint32_t hmgr_type(const struct hmgr *t, uint32_t handle)
{
    struct hmgr_entry *e = entry(t, handle);
    return e ? e->type : 0;
}

void hmgr_free(struct hmgr *t, uint32_t handle)
{
    struct hmgr_entry *e = entry(t, handle);
    if (!e) {
        return;
    }
    e->type = 0;
    e->object = NULL;
    /* The driver's quirk: the counter is set to 1 and then incremented. */
    e->unique = 2;
    push_free(t, HMGR_INDEX(handle));
}
