# file.concurrent-write and file.open-at-exit for Python code: `lifecycle.py race|turns|left-open|closed WORKDIR`
import os
import sys
import threading

journal = None


def writer(path, opened, my_turn, other_turn, name):
    f = open(path, 'w')  # audit: race-open
    opened.release()
    for i in range(3):
        # the two threads take turns, each writing while the other's handle is open
        my_turn.wait()
        my_turn.clear()
        f.write('%s %d\n' % (name, i))
        f.flush()
        other_turn.set()
    f.close()


def race(path):
    opened = threading.Semaphore(0)
    turn_a = threading.Event()
    turn_b = threading.Event()
    a = threading.Thread(target=writer, args=(path, opened, turn_a, turn_b, 'writer-a'), name='writer-a')
    b = threading.Thread(target=writer, args=(path, opened, turn_b, turn_a, 'writer-b'), name='writer-b')
    a.start()
    b.start()
    opened.acquire()
    opened.acquire()
    turn_a.set()
    a.join()
    b.join()


lock = threading.Lock()


def careful_writer(path, name):
    for i in range(20):
        with lock:
            with open(path, 'a') as f:
                f.write('%s %d\n' % (name, i))


def turns(path):
    threads = [threading.Thread(target=careful_writer, args=(path, n), name=n) for n in ('writer-a', 'writer-b')]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def open_journal(path):
    global journal
    journal = open(path, 'w')  # audit: left-open
    journal.write('started\n')


def write_journal(path):
    with open(path, 'w') as f:
        f.write('started\n')


def main(mode, work):
    path = os.path.join(work, 'shared.log')
    if mode == 'race':
        race(path)
    elif mode == 'turns':
        turns(path)
    elif mode == 'left-open':
        open_journal(os.path.join(work, 'journal.log'))
    else:
        write_journal(os.path.join(work, 'journal.log'))
    print 'done'


main(sys.argv[1], sys.argv[2])
