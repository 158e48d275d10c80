# http.no-timeout and http.cleartext for httplib/urllib2: `http_clients.py bad|good PORT`
# The only server is the IT's, on 127.0.0.1:PORT; the "remote" host is reached through it as an HTTP proxy.
import httplib
import sys
import urllib2


def main(mode, port):
    local = 'http://127.0.0.1:%d/notify' % port
    proxy = urllib2.build_opener(urllib2.ProxyHandler({'http': 'http://127.0.0.1:%d' % port}))
    if mode == 'bad':
        urllib2.urlopen(local).read()  # audit: urlopen
        conn = httplib.HTTPConnection('127.0.0.1', port)
        conn.request('POST', '/notify', 'master')  # audit: httplib
        conn.getresponse().read()
        proxy.open('http://l3-agent.example.com/notify', timeout=5).read()  # audit: cleartext
    else:
        urllib2.urlopen(local, timeout=5).read()
        conn = httplib.HTTPConnection('127.0.0.1', port, timeout=5)
        conn.request('POST', '/notify', 'master')
        conn.getresponse().read()
        proxy.open('http://localhost:%d/notify' % port, timeout=5).read()
    print 'done'


main(sys.argv[1], int(sys.argv[2]))
