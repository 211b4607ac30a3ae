"""HTTP shapes of an 835 upload's answer: each claim's outcome, provider adjustments, positioned problems."""
import marshmallow as ma
from marshmallow import validate as v

OUTCOMES = ["posted", "duplicate", "unmatched"]

_FIELD = r"[ -)+-}]"  # printable ASCII but the separators * and ~
# The usual start of an 835: an ISA at its fixed widths, an optional GS, then ST*835. The reader is
# more lenient (any separators, an unpadded ISA, a bare ST..SE set); what it cannot read is a 422.
X12_835 = {
    "type": "string", "minLength": 115, "maxLength": 10 * 1024 * 1024,
    "description": "an X12 835 interchange (005010X221A1, or 004010X091A1); other separators than * ~ : "
                   "are read too",
    "pattern": r"^[ \t\r\n]*ISA\*" + r"\*".join(f"{_FIELD}{{{width}}}" for width in (2, 10, 2, 10, 2, 15, 2, 15))
               + r"\*[0-9]{6}\*[0-9]{4}\*" + _FIELD + r"\*00[45]01\*[0-9]{9}\*[01]\*[PT]\*[!-)+-/:-@]~"
               r"([ \t\r\n]*GS\*[ -}]*~)?[ \t\r\n]*ST\*835\*[0-9A-Za-z]{4,9}~",
}
REMITTANCE_BODY = {"required": True, "content": {
    "text/plain": {"schema": X12_835},
    "application/json": {"schema": {"type": "object", "required": ["835"], "additionalProperties": False,
                                    "properties": {"835": X12_835}}}}}


class RemittanceIn(ma.Schema):
    """The JSON form of an upload, {"835": "ISA*..."}. The text is taken as sent, neither trimmed nor checked
    for NUL here (as Input would): the 835 reader refuses such text with the segment it is in."""

    class Meta:
        unknown = ma.RAISE

    text = ma.fields.String(required=True, data_key="835")


class X12Finding(ma.Schema):
    segment = ma.fields.Integer(metadata={"description": "the segment's position in the file, from 1 (ISA)"})
    segment_id = ma.fields.String(allow_none=True, metadata={"example": "CLP"})
    element = ma.fields.String(allow_none=True, metadata={"example": "CLP03"})
    message = ma.fields.String()


class RemittanceClaimOut(ma.Schema):
    segment = ma.fields.Integer(metadata={"description": "position of the claim's CLP segment in the file"})
    patient_control_number = ma.fields.String(metadata={"description": "CLP01"})
    payer_claim_number = ma.fields.String(allow_none=True, metadata={"description": "CLP07"})
    payer = ma.fields.String(allow_none=True, metadata={"description": "the payer's name (N1*PR)"})
    status_code = ma.fields.String(metadata={"description": "CLP02: 1-3 and 19-21 paid, 4 denied, 22 reversal, "
                                                            "23 not the payer's claim, 25 predetermination"})
    charge_cents = ma.fields.Integer()
    paid_cents = ma.fields.Integer()
    claim_id = ma.fields.String(allow_none=True, metadata={"description": "our claim, when it was matched"})
    outcome = ma.fields.String(validate=v.OneOf(OUTCOMES), metadata={
        "description": "posted; duplicate (this adjudication was posted before); unmatched (see reason)"})
    reason = ma.fields.String(allow_none=True, metadata={"description": "why it was not posted, for staff"})


class ProviderAdjustmentOut(ma.Schema):
    segment = ma.fields.Integer()
    provider_id = ma.fields.String(metadata={"description": "PLB01"})
    fiscal_period = ma.fields.String(metadata={"description": "PLB02, CCYYMMDD"})
    reason = ma.fields.String(metadata={"description": "PLB03-1, e.g. WO (overpayment recovery), L6 (interest)"})
    reference = ma.fields.String(allow_none=True)
    amount_cents = ma.fields.Integer(metadata={"description": "positive: taken from the payment"})
    payer = ma.fields.String()


class RemittanceSummary(ma.Schema):
    posted = ma.fields.Integer()
    duplicate = ma.fields.Integer()
    unmatched = ma.fields.Integer()


class RemittanceOut(ma.Schema):
    claims = ma.fields.List(ma.fields.Nested(RemittanceClaimOut), metadata={"description": "every CLP, in order"})
    provider_adjustments = ma.fields.List(ma.fields.Nested(ProviderAdjustmentOut),
                                          metadata={"description": "PLB adjustments: reported, not posted"})
    summary = ma.fields.Nested(RemittanceSummary)
    errors = ma.fields.List(ma.fields.Nested(X12Finding),
                            metadata={"description": "what made a claim unreadable (that claim is unmatched)"})
    warnings = ma.fields.List(ma.fields.Nested(X12Finding),
                              metadata={"description": "departures from the 835 guide that did not stop reading"})
