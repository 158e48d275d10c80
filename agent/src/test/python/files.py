# file.permissive and file.insecure-temp for Python code: `files.py bad|good WORKDIR`
# A trailing "# audit: KEY" marks the line a finding must name (the IT reads these markers).
import os
import sys
import tempfile


def write_state(path, state):
    f = open(path, 'w')  # audit: open-state
    f.write(state)
    f.close()


def write_state_private(path, state):
    old = os.umask(077)
    try:
        f = open(path, 'w')
        f.write(state)
        f.close()
    finally:
        os.umask(old)


def share_file(path, mode):
    os.chmod(path, mode)  # audit: chmod


def create_key(path):
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0600)  # audit: os-open
    os.write(fd, 'k')
    os.close(fd)


def create_key_private(path):
    old = os.umask(077)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0600)
        os.write(fd, 'k')
        os.close(fd)
    finally:
        os.umask(old)


def make_token_dir(path, mode):
    os.mkdir(path, mode)  # audit: mkdir


def replace_key(path, key):
    temp = path + '.tmp'
    f = open(temp, 'w')
    f.write(key)
    f.close()
    os.rename(temp, path)  # audit: rename


def replace_key_private(path, key):
    old = os.umask(077)
    try:
        temp = path + '.tmp'
        f = open(temp, 'w')
        f.write(key)
        f.close()
    finally:
        os.umask(old)
    os.rename(temp, path)


def temp_report(name):
    f = open(os.path.join('/tmp', name), 'w')  # audit: temp
    f.write('report')
    f.close()
    os.remove(os.path.join('/tmp', name))


def temp_report_safe():
    fd, path = tempfile.mkstemp(prefix='report')
    f = os.fdopen(fd, 'w')
    f.write('report')
    f.close()
    os.remove(path)


def main(mode, work):
    other = os.path.join(work, 'other.txt')
    f = open(other, 'w')
    f.write('x')
    f.close()
    if mode == 'bad':
        write_state(os.path.join(work, 'router.state'), 'master')
        share_file(other, 0666)
        create_key(os.path.join(work, 'api.key'))
        make_token_dir(os.path.join(work, 'token-cache'), 0777)
        replace_key(os.path.join(work, 'deploy.key'), 'k')
        temp_report('py-audit-report-%d.txt' % os.getpid())
    else:
        write_state_private(os.path.join(work, 'router.state'), 'master')
        share_file(other, 0600)
        create_key_private(os.path.join(work, 'api.key'))
        make_token_dir(os.path.join(work, 'token-cache'), 0700)
        replace_key_private(os.path.join(work, 'deploy.key'), 'k')
        temp_report_safe()
    print 'done'


main(sys.argv[1], sys.argv[2])
