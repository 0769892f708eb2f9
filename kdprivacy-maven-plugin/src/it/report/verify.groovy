import javax.xml.parsers.DocumentBuilderFactory

def dir = new File(basedir, 'target/kdprivacy-report')
def html = new File(dir, 'signoff.html')
def md = new File(dir, 'signoff.md')
assert html.isFile() && md.isFile()

// the page is well-formed XML, with a heatmap and a ROC chart per model as inline SVG
def factory = DocumentBuilderFactory.newInstance()
factory.namespaceAware = true
factory.setFeature('http://apache.org/xml/features/nonvalidating/load-external-dtd', false)
def dom = factory.newDocumentBuilder().parse(html)
assert dom.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'svg').length == 5 // the technique x attack heatmap (no utility in these results: no privacy-utility chart), then per-test charts
def page = html.getText('UTF-8')
assert page.contains('SupportBotTest#studentIsSafe (GKD)')
assert page.contains('Comparison with the baseline')
assert page.contains('regressed')

def text = md.getText('UTF-8')
assert text.startsWith('# kdprivacy privacy sign-off')
assert text.contains('## SupportBotTest#studentIsSafe (GKD)')
assert text.contains('| student | membership.auc | LOSS | 0.6 | 0.72 | +0.12 | 0.02 | regressed |')
assert text.contains('| name | role | date | decision | signature |')
assert !text.contains('<svg')
