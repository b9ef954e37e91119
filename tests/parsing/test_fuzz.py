"""Property-based: random text and mutated letters give records or a clean error, never a crash."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saraban.errors import UnreadableFile
from saraban.intake.textfile import decode_bytes
from saraban.parsing import parse_text
from tests.conftest import DATA

SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((DATA / "letters").glob("*.txt"))]
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
LETTERISH = st.one_of(THAI, st.sampled_from(list(" \n\t./:()-ว0123456789")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=LETTERISH, max_size=400))
def test_random_thai_text(text: str) -> None:
    for letter in parse_text(text):
        letter.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 40), st.text(max_size=8)), max_size=6),
)
def test_mutated_letters(sample: str, edits: list[tuple[int, int, str]]) -> None:
    text = sample
    for position, length, insert in edits:
        position %= max(len(text), 1)
        text = text[:position] + insert + text[position + length :]
    for letter in parse_text(text):
        data = letter.to_json()
        assert isinstance(data["warnings"], list)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_refuse(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x")
    except UnreadableFile:
        return
    parse_text(text)
