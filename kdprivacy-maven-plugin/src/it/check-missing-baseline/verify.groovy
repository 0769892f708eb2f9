def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'privacy-baseline.json')
assert log.contains("[WARNING] no kdprivacy baseline at ${baseline.canonicalPath}: metrics are not compared")
assert log.contains('kdprivacy: no privacy violations')
assert log.contains("no kdprivacy baseline at ${baseline.canonicalPath}; create it with 'mvn kdprivacy:baseline'")
assert !baseline.exists()
