def log = new File(basedir, 'build.log').text
assert log.contains('kdprivacy check skipped')
assert !log.contains('broken.json')
assert log.contains('BUILD SUCCESS')
