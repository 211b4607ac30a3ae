from .claims import charges_blp, claims_blp, estimates_blp
from .clients import blp as clients_blp
from .clients import eligibility_blp
from .providers import blp as providers_blp
from .reference import fees_blp, payers_blp, plans_blp
from .remittances import blp as remittances_blp
from .remittances import payments_blp

blueprints = (providers_blp, payers_blp, plans_blp, fees_blp, clients_blp, eligibility_blp, estimates_blp,
              charges_blp, claims_blp, remittances_blp, payments_blp)
