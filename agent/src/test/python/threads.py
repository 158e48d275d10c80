# thread.uncaught-death and thread.abandoned-at-exit for Python threads: `threads.py uncaught|caught|abandoned|joined`
import signal
import sys
import threading
import time


def poll_once():
    raise ValueError('no route to the L3 agent')  # audit: raise-poll


def poll():
    poll_once()


def careful_poll():
    try:
        poll_once()
    except ValueError, e:
        print 'poll failed, will retry:', e


stop = threading.Event()


def consume():
    stop.wait()  # audit: consume-loop


def main(mode):
    if mode == 'uncaught':
        t = threading.Thread(target=poll, name='poller')
        t.start()  # audit: start-poller
        t.join()
        print 'done'
    elif mode == 'caught':
        t = threading.Thread(target=careful_poll, name='poller')
        t.start()
        t.join()
        print 'done'
    else:
        worker = threading.Thread(target=consume, name='queue-consumer')
        worker.start()  # audit: start-consumer
        if mode == 'joined':
            def on_term(signum, frame):
                stop.set()
                worker.join(5)
                print 'worker stopped'
                sys.stdout.flush()
                sys.exit(0)
            signal.signal(signal.SIGTERM, on_term)
        print 'ready'
        sys.stdout.flush()
        while worker.is_alive():
            time.sleep(0.1)


main(sys.argv[1])
