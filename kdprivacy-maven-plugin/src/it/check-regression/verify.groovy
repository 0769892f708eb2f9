def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] 5 kdprivacy privacy violations:')
assert log =~ /\[ERROR\] problem\s+test\s+technique\s+model\s+metric\s+attack\s+baseline\s+current\s+tolerance/
assert log =~ /\[ERROR\] gate FAILED \(isBelow 0\.7\)\s+SupportBotTest#studentIsSafe\s+GKD\s+student\s+membership\.auc\s+LOSS\s+-\s+0\.77\s+-/
assert log =~ /\[ERROR\] regressed\s+SupportBotTest#studentIsSafe\s+GKD\s+student\s+membership\.auc\s+LOSS\s+0\.6\s+0\.72\s+0\.02/
assert log =~ /\[ERROR\] regressed\s+SupportBotTest#studentIsSafe\s+GKD\s+student\s+inheritedLeakage\.auc\s+LOSS\s+0\.08\s+0\.2\s+0\.02/
assert log.contains('5 kdprivacy privacy violations (listed above)')
assert log.contains('BUILD FAILURE')
assert log.contains('haltOnFailure is false: the build goes on despite 5 kdprivacy privacy violations')
assert log.contains('BUILD SUCCESS')
