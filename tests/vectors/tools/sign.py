#!/usr/bin/env python3
"""Computes a Standard Webhooks signature with Python's own hmac, independent
of the Rust core, for writing new cases in webhook_signatures.json.

usage: sign.py SECRET WEBHOOK_ID TIMESTAMP BODY
"""
import base64
import hashlib
import hmac
import sys

secret, msg_id, timestamp, body = sys.argv[1:5]
key = base64.b64decode(secret.removeprefix("whsec_"))
digest = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
print("v1," + base64.b64encode(digest).decode())
