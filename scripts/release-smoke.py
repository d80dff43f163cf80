"""The same few questions a new user asks, through an installed wheel."""

import samskab

net = samskab.example("egebaek")
as_of = "2025-11-01"
assert 0.9 < float(net.trust("v-grethe", "e-mette", as_of)) <= 1
assert net.paths("v-maja", "u-job", as_of)[0].introducer == "v-ahmad"
frame = net.ties_frame(as_of)
assert len(frame) > 0 and "trust" in frame.columns
text = net.report("2025-01-01", "2025-07-01").to_text("da")
assert "Egebæk" in text
print(f"wheel: samskab {samskab.__version__}: trust, paths, a frame of {len(frame)} rows and the report work")
