def log = new File(basedir, 'build.log').text
assert log.contains('found 2 kdprivacy results in ')
assert log.contains('compared with 56 baseline values in ')
assert log.contains('kdprivacy: no privacy violations')
assert log.contains('BUILD SUCCESS')
// student LOSS AUC 0.6 against 0.575 passes only through the configured membership.auc tolerance of 0.03
assert new File(basedir, 'privacy-baseline.json').text.contains('"value" : 0.575')
