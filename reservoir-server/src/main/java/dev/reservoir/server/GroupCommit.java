package dev.reservoir.server;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.StagedAppend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit for one tenant: concurrent ingestion requests share transactions. Each request
 * parses its body in its own thread and queues its batch; one waiting request at a time takes the
 * batches waiting in the queue as a group and stages it ({@code TenantStore.stageAppend}: the rows
 * written aside, outside the tenant's lock), then lets the next request take the next group, and
 * under the tenant's lock commits its own group in one append (one transaction) once the group
 * taken before it has committed; it marks the group's batches done and wakes the others, which
 * answer if their batch was in the group. So while one group commits, the next is staged, and the
 * requests arriving meanwhile gather for the one after; a busy tenant pays the per-transaction
 * cost (the duplicate probe, the commit's write to disk) once per group instead of once per
 * request. A batch is answered only after the transaction holding it committed: an acknowledged
 * event is on disk.
 *
 * <p>A group is the longest run of queued batches, in arrival order, in which no event id is
 * valid in two batches (and at most {@link #MAX_GROUP_EVENTS} events): a batch repeating an id
 * of an earlier one waits for the next commit, where it finds that id stored. So every answer —
 * accepted, duplicate (the first one counts), rejected — is the one the requests would get one at
 * a time, in the order they queued.
 */
final class GroupCommit {
    /** Groups taken and not yet committed, at most: one committing while the next is staged. */
    static final int IN_FLIGHT = 2;
    /** Bounds one transaction's size, so one group cannot hold the lock for long. */
    static final int MAX_GROUP_EVENTS = 200_000;

    private final ReentrantLock lock;
    private final Supplier<TenantStore> store;
    /** The batches waiting for a commit; also the monitor the waiting requests wait on. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a request is taking and staging a group (guarded by {@link #queue}). */
    private boolean staging;
    /** Groups taken so far, and the last of them whose commit ended (guarded by {@link #queue}). */
    private long taken;
    private long committed;
    /** Batches submitted and not yet done (guarded by {@link #queue}). */
    private int waiting;

    /**
     * @param lock  the tenant's lock, which the server's other work on the tenant takes too
     * @param store the tenant's store, looked up to stage a group and again under the lock to
     *              commit it (the tenant may have been deleted meanwhile: the group then fails)
     */
    GroupCommit(ReentrantLock lock, Supplier<TenantStore> store) {
        this.lock = lock;
        this.store = store;
    }

    /** A queued batch; {@code done} is guarded by {@link #queue}, {@code failure} is written before it. */
    private static final class Pending {
        final Ingestion.Batch batch;
        boolean taken;
        boolean done;
        RuntimeException failure;

        Pending(Ingestion.Batch batch) {
            this.batch = batch;
        }
    }

    /** Commits {@code batch} (with whatever else is waiting) and returns once it is committed. */
    void submit(Ingestion.Batch batch) {
        Pending mine = new Pending(batch);
        synchronized (queue) {
            queue.add(mine);
            waiting++;
        }
        while (true) {
            synchronized (queue) {
                // Woken after each staging and each commit: a request whose batch was committed
                // answers at once; one whose batch was taken into a group waits for that group. A
                // group is taken only once the one two before it has committed: taken later, it
                // holds the batches that arrived meanwhile, and fewer, larger commits cost less.
                while (!mine.done && (mine.taken || staging || taken - committed >= IN_FLIGHT)) {
                    await();
                }
                if (mine.done) {
                    break;
                }
                staging = true; // this request stages the next group (its batch is in it or a later one)
            }
            lead();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /**
     * Takes the next group, stages it (while the group before it may still be committing), lets
     * the next request stage the group after, then commits this one once every group taken
     * before it has committed: groups commit in the order they were taken.
     */
    private void lead() {
        List<Pending> group;
        List<Ingestion.Batch> batches = List.of();
        long ticket;
        StagedAppend staged = null;
        RuntimeException failure = null;
        TenantStore stagedOn = null;
        try {
            synchronized (queue) {
                group = takeGroup();
                ticket = ++taken;
            }
            try {
                batches = group.stream().map(p -> p.batch).toList();
                stagedOn = store.get();
                staged = Ingestion.stage(stagedOn, batches);
            } catch (RuntimeException e) {
                failure = e;
            }
        } finally {
            synchronized (queue) {
                staging = false;
                queue.notifyAll();
            }
        }
        try {
            synchronized (queue) {
                // Not interruptible: the groups after this one wait for it to end, in order.
                boolean interrupted = false;
                while (committed != ticket - 1) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            lock.lock();
            try {
                if (failure == null && store.get() != stagedOn) {
                    failure = new IllegalStateException("the tenant's store changed while the batch waited");
                }
                if (failure == null && staged != null) {
                    Ingestion.commit(staged, batches);
                }
            } catch (RuntimeException e) {
                // Rolled back (or, if the store's counts disagreed with the answer afterwards,
                // committed unanswered): every request of the group gets the error, and
                // resending is safe either way.
                failure = e;
            } finally {
                lock.unlock();
            }
        } finally {
            if (staged != null) {
                try {
                    staged.close();
                } catch (RuntimeException e) {
                    failure = failure != null ? failure : e;
                }
            }
            RuntimeException outcome = failure;
            synchronized (queue) {
                group.forEach(p -> {
                    p.failure = outcome;
                    p.done = true;
                });
                waiting -= group.size();
                committed = ticket;
                queue.notifyAll();
            }
        }
    }

    private void await() {
        try {
            queue.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    /**
     * Batches submitted whose commit has not ended, queued or taken into a group (the tests wait
     * on it to fix the order of arrival).
     */
    int waiting() {
        synchronized (queue) {
            return waiting;
        }
    }

    /** The next group: the head of the queue and the batches after it that share no id with it. */
    private List<Pending> takeGroup() {
        List<Pending> group = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long events = 0;
        synchronized (queue) {
            while (!queue.isEmpty()) {
                Pending next = queue.peek();
                if (!group.isEmpty() && (events + next.batch.valid.size() > MAX_GROUP_EVENTS || !disjoint(ids, next))) {
                    break;
                }
                queue.poll();
                next.taken = true;
                group.add(next);
                ids.addAll(next.batch.validIds);
                events += next.batch.valid.size();
            }
        }
        return group;
    }

    private static boolean disjoint(Set<String> ids, Pending next) {
        for (String id : next.batch.validIds) {
            if (ids.contains(id)) {
                return false;
            }
        }
        return true;
    }
}
