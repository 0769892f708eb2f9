def log = new File(basedir, 'build.log').text
def file = { new File(basedir, it).canonicalPath }
assert log.contains("invalid kdprivacy result file ${file('results/SupportBotTest-gate-GKD.json')}: not valid JSON at line 5")
assert log.contains("invalid kdprivacy result file ${file('old-version/SupportBotTest-gate-GKD.json')}: schemaVersion 2 is not supported")
assert log.contains("invalid kdprivacy baseline ${file('broken-baseline.json')}: baseline version 9 is not supported")
// a message naming the file, not a stack trace
assert !(log =~ /(?m)^\s+at [a-z]/)
