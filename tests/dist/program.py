"""What a user runs after `pip install alexpay`: a payout to its final status
against the sandbox (ALEXPAY_BASE_URL, _PUBLIC_KEY, _SECRET_KEY), then one
that fails with the sandbox's reason. Prints one line per payout and where
the package was loaded from."""

import os
import sys

import alexpay

client = alexpay.Client(
    public_key=os.environ["ALEXPAY_PUBLIC_KEY"],
    secret_key=os.environ["ALEXPAY_SECRET_KEY"],
    base_url=os.environ["ALEXPAY_BASE_URL"],
)
ok = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number="+233 24 123 4561", wait=True)
bad = client.send_mobile_money_payout(amount=100, country_id="GH", phone_number="+233 24 123 4569", wait=True)
print("payout", ok.payout_id, ok.status)
print("payout", bad.payout_id, bad.status, bad.message)
print("python", sys.version.split()[0], "module", alexpay._alexpay.__file__)
if (ok.status, bad.status, bad.message) != ("succeeded", "failed", "invalid number"):
    sys.exit("unexpected outcome")
