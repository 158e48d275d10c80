# Python signal handlers and atexit functions as shutdown hooks: `shutdown.py slow|bounded|failing|guarded|atexit-fail|atexit-ok`
import atexit
import signal
import sys
import threading
import time

stop_reader = threading.Event()
stop_monitor = threading.Event()


def loop(stop):
    while not stop.is_set():
        time.sleep(0.05)


reader = threading.Thread(target=loop, args=(stop_reader,), name='reader')
monitor = threading.Thread(target=loop, args=(stop_monitor,), name='monitor')


def join_reader_only(signum, frame):
    stop_reader.set()
    reader.join(5)
    sys.exit(0)


def stop_all(signum, frame):
    stop_reader.set()
    stop_monitor.set()
    reader.join(5)
    monitor.join(5)
    sys.exit(0)


def failing(signum, frame):
    raise RuntimeError('pid file already removed')  # audit: raise-handler


def guarded(signum, frame):
    try:
        raise RuntimeError('pid file already removed')
    except RuntimeError, e:
        print 'cleanup failed:', e
    stop_all(signum, frame)


def flush_metrics():  # audit: atexit-def
    raise IOError('metrics spool is gone')


def flush_metrics_carefully():
    try:
        raise IOError('metrics spool is gone')
    except IOError, e:
        print 'flush failed:', e


def main(mode):
    if mode.startswith('atexit'):
        atexit.register(flush_metrics if mode == 'atexit-fail' else flush_metrics_carefully)
        print 'done'
        sys.stdout.flush()
        sys.exit(0)
    handler = {'slow': join_reader_only, 'bounded': stop_all, 'failing': failing, 'guarded': guarded}[mode]
    reader.start()
    monitor.start()
    signal.signal(signal.SIGTERM, handler)  # audit: signal
    print 'ready'
    sys.stdout.flush()
    while reader.is_alive() or monitor.is_alive():
        time.sleep(0.1)


main(sys.argv[1])
