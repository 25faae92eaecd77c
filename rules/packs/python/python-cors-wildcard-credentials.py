from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

api = FastAPI()
# ruleid: python-cors-wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
# ok: python-cors-wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ok: python-cors-wildcard-credentials
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

app = Flask(__name__)
# ruleid: python-cors-wildcard-credentials
CORS(app, supports_credentials=True)
# ok: python-cors-wildcard-credentials
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
