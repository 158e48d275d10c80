# process.shell for Python code: `processes.py bad|good`
import os
import subprocess
import sys


def main(mode):
    if mode == 'bad':
        os.system('echo system > /dev/null')  # audit: os-system
        subprocess.Popen('echo popen > /dev/null', shell=True).wait()  # audit: popen-shell
    else:
        subprocess.Popen(['echo', 'popen']).wait()
        subprocess.call(['true'])
    print 'done'


main(sys.argv[1])
