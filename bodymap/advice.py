"""What bodymap says about its own limits, in one place for the CLI, window and printouts."""

from __future__ import annotations

NOT_A_DIAGNOSIS = (
    "Not a diagnosis: bodymap lists muscles worth examining and cannot rule out other causes."
)

RED_FLAGS: tuple[str, ...] = (
    "numbness, tingling or weakness in a leg or arm, or a foot that drags",
    "numbness in the saddle area, or new trouble controlling the bladder or bowel (urgent)",
    "fever, feeling unwell, or unexplained weight loss",
    "pain that is worse at night or at rest and does not ease with any position",
    "a recent fall, accident or other injury",
    "a swollen, warm, red calf, or chest pain or breathlessness (urgent)",
    "a history of cancer, or treatment with steroids or drugs that suppress immunity",
)

SEE_A_DOCTOR = (
    "See a doctor for numbness, weakness, bladder or bowel changes, fever or unexplained "
    "weight loss."
)
