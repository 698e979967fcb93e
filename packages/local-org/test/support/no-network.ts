import nock from 'nock';

// No test may reach the internet by accident; loopback stays open for the local org and Redis.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
