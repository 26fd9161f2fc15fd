"""Check that every answer text, suggestion and question keyword sits verbatim in its article (run with the project venv)."""
import json, re
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
def docx_blocks(path):
    d=Document(path); out=[]
    for el in d.element.body.iterchildren():
        if el.tag.endswith('}p'): out.append(Paragraph(el,d).text)
        elif el.tag.endswith('}tbl'):
            for r in Table(el,d).rows:
                for c in r.cells: out.append(c.text)
    return out
def segs_docx(path):
    segs={}; cur=None
    for t in docx_blocks(path):
        m=re.match(r'(第[一二三四五六七八九十百]+条)',t)
        if m: cur=m.group(1)
        elif re.match(r'第[一二三四五六七八九十]+章',t): cur=None
        if cur: segs[cur]=segs.get(cur,'')+t+'\n'
    return segs
def segs_md(path):
    segs={}; cur=None
    for t in open(path,encoding='utf-8'):
        m=re.match(r'#{2,3} (\d+(?:\.\d+)?) ',t)
        if m: cur=m.group(1)
        if cur: segs[cur]=segs.get(cur,'')+t
    return segs
import os; os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ans=json.load(open('answers.json'))
S={f:(segs_docx(f) if f.endswith('.docx') else segs_md(f)) for f in ans}
bad=0
for f,a in ans.items():
    for kind,items in a.items():
        for e in items:
            for key in ('text','suggestion'):
                v=e.get(key)
                if v and v not in S[f].get(e['article'],''):
                    print('MISS',f,kind,e['article'],v); bad+=1
for l in open('questions.jsonl'):
    q=json.loads(l); segs=S[q['doc']]
    hits=[a for a,t in segs.items() if all(k in t for k in q['keywords'])]
    if hits!=[q['article']] or any(' ' in k for k in q['keywords']): print('Q',q,hits); bad+=1
for l in open('paraphrases.jsonl'): json.loads(l)
print('bad',bad, {f:{k:len(v) for k,v in a.items()} for f,a in ans.items()})
