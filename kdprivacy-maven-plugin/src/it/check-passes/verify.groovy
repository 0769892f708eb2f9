def log = new File(basedir, 'build.log').text
assert log.contains('found 2 kdprivacy results in ')
assert log.contains('compared with 56 baseline values in ')
assert log.contains('kdprivacy: no privacy violations')
assert log.contains('BUILD SUCCESS')
