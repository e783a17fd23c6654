/*
 * A handle table with the dxgkrnl encoding (dxg-abi.md §1.4): bits 0-5 instance (0), bits 6-29
 * the slot index, bits 30-31 a uniqueness counter that must match. The table grows by 1024 entries,
 * takes new entries from the head of a free list and returns freed ones to its tail, and grows
 * whenever 128 or fewer free entries remain, so a freed slot is not reused for a while; a freed
 * slot's counter ends at 2. A fresh table's first handle is therefore 0x40000000, the next
 * 0x40000040.
 */
#ifndef DXGSCOPE_HMGR_H
#define DXGSCOPE_HMGR_H

#include <stdint.h>

struct hmgr_entry {
    void *object;
    uint32_t type;      /* 0 = free */
    uint32_t unique;
    uint32_t next_free; /* index, or UINT32_MAX */
    int destroyed;
};

struct hmgr {
    struct hmgr_entry *entries;
    uint32_t size;
    uint32_t free_head;
    uint32_t free_tail;
    uint32_t free_count;
};

#define HMGR_INDEX(h) (((h) >> 6) & 0xFFFFFF)
#define HMGR_UNIQUE(h) ((h) >> 30)

void hmgr_init(struct hmgr *t);
void hmgr_destroy(struct hmgr *t);
/* A new handle for object (type != 0); 0 when the table cannot grow. */
uint32_t hmgr_alloc(struct hmgr *t, uint32_t type, void *object);
/* The object of a live handle of this type (type 0: any type), else NULL. */
void *hmgr_get(const struct hmgr *t, uint32_t handle, uint32_t type);
/* The entry type of a live handle, 0 when invalid. */
uint32_t hmgr_type(const struct hmgr *t, uint32_t handle);
void hmgr_free(struct hmgr *t, uint32_t handle);

#endif
