def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'privacy-baseline.json')
assert log.contains("kdprivacy baseline ${baseline.canonicalPath}: 28 added, 0 lowered, 0 accepted, 0 kept")
assert log.contains(": 0 added, 4 lowered, 0 accepted, 24 kept")
assert log =~ /\[ERROR\] regressed\s+SupportBotTest#studentIsSafe\s+GKD\s+student\s+membership\.auc\s+LOSS\s+0\.5\s+0\.7\s+0\.02/
assert log.contains('4 metrics regressed beyond tolerance; the baseline was not changed')
assert log.contains(": 0 added, 0 lowered, 4 accepted, 24 kept")

def text = baseline.text
assert text.startsWith('{\n  "format" : "kdprivacy-baseline",\n  "version" : 1,\n')
def entry = text.find(/(?s)\{\s*"test" : "SupportBotTest#studentIsSafe",\s*"technique" : "GKD",\s*"model" : "student",\s*"metric" : "membership\.auc",\s*"attack" : "LOSS",.*?\]\s*\}/)
assert entry != null
assert entry.contains('"value" : 0.7')
assert entry.contains('"from" : 0.5')
assert entry.contains('"to" : 0.7')
assert entry.contains('"by" : "it-user"')
assert entry.contains('"reason" : "larger student approved in privacy review 12"')
assert entry =~ /"at" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/
// no temporary file left behind
assert basedir.list().findAll { it.endsWith('.tmp') }.isEmpty()
