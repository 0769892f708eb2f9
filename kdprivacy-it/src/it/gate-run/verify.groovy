def log = new File(basedir, 'build.log').text
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { !it.isBlank() }
assert builds.size() == 5 : "expected 5 builds in build.log, found ${builds.size()}"

// 1 and 5: honest
[0, 4].each { i ->
    assert builds[i].contains('Tests run: 1, Failures: 0, Errors: 0')
    assert builds[i].contains('kdprivacy: no privacy violations')
    assert builds[i].contains('BUILD SUCCESS')
}
// 2: stale results after -DskipTests
assert builds[1].contains('Tests are skipped.')
assert builds[1].contains('untrusted results: no privacy test ran in this build (-DskipTests is set): the 1 results file(s) in ')
assert builds[1].contains('are from an earlier build')
assert builds[1].contains('BUILD FAILURE')
// 3: the test threw; Surefire ignored it, the gate does not
assert builds[2].contains('Tests run: 1, Failures: 0, Errors: 1')
assert builds[2].contains("untrusted results: test io.kdprivacy.it.GateTest#gate[KD] errored: the test body threw before deciding")
assert builds[2].contains('BUILD FAILURE')
// 4: edited after the run
assert builds[3].contains('Tests run: 1, Failures: 0, Errors: 0')
assert builds[3] =~ /untrusted results: results file \S+io\.kdprivacy\.it\.GateTest_gate\[KD\]\.json was changed after io\.kdprivacy\.it\.GateTest#gate\[KD\] wrote it/
assert builds[3].contains('BUILD FAILURE')
