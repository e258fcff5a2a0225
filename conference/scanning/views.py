from flask import Blueprint

bp = Blueprint("scanning", __name__, url_prefix="/scanning")
