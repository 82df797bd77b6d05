package dev.reservoir.server;

import dev.reservoir.engine.TenantStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit for one tenant: concurrent ingestion requests share transactions. Each request
 * parses its body in its own thread and queues its batch; one waiting request at a time leads:
 * under the tenant's lock it commits the batches waiting in the queue in one append (one
 * transaction, with the rollup), marks them done and wakes the others, which answer if their
 * batch was in the group, or else one of them leads the next group. So while one commit runs,
 * the requests arriving meanwhile gather for the next one, and a
 * busy tenant pays the per-transaction cost (the duplicate probe, the rollup upkeep, the commit's
 * write to disk) once per group instead of once per request. A batch is answered only after the
 * transaction holding it committed: an acknowledged event is on disk.
 *
 * <p>A group is the longest run of queued batches, in arrival order, in which no event id is
 * valid in two batches (and at most {@link #MAX_GROUP_EVENTS} events): a batch repeating an id
 * of an earlier one waits for the next commit, where it finds that id stored. So every answer —
 * accepted, duplicate (the first one counts), rejected — is the one the requests would get one at
 * a time, in the order they queued.
 */
final class GroupCommit {
    /** Bounds one transaction's size, so one group cannot hold the lock for long. */
    static final int MAX_GROUP_EVENTS = 200_000;

    private final ReentrantLock lock;
    private final Supplier<TenantStore> store;
    /** The batches waiting for a commit; also the monitor the waiting requests wait on. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a request is committing a group (guarded by {@link #queue}). */
    private boolean leading;

    /**
     * @param lock  the tenant's lock, which the server's other work on the tenant takes too
     * @param store the tenant's store, looked up under the lock (the tenant may have been deleted)
     */
    GroupCommit(ReentrantLock lock, Supplier<TenantStore> store) {
        this.lock = lock;
        this.store = store;
    }

    /** A queued batch; {@code done} is guarded by {@link #queue}, {@code failure} is written before it. */
    private static final class Pending {
        final Ingestion.Batch batch;
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
        }
        while (true) {
            synchronized (queue) {
                // Woken after each group: a request whose batch it held answers at once, without
                // waiting for the lock behind the next group's commit.
                while (!mine.done && leading) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the commit", e);
                    }
                }
                if (mine.done) {
                    break;
                }
                leading = true; // this request commits the next group, its own batch in it
            }
            try {
                lock.lock();
                try {
                    List<Pending> group = takeGroup();
                    try {
                        Ingestion.commit(store.get(), group.stream().map(p -> p.batch).toList());
                    } catch (RuntimeException e) {
                        // Rolled back: nothing of the group is stored, and every request of it says so.
                        group.forEach(p -> p.failure = e);
                    }
                    synchronized (queue) {
                        group.forEach(p -> p.done = true);
                    }
                } finally {
                    lock.unlock();
                }
            } finally {
                synchronized (queue) {
                    leading = false;
                    queue.notifyAll();
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Batches waiting for a commit (the tests wait on it to fix the order of arrival). */
    int queued() {
        synchronized (queue) {
            return queue.size();
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
