"""Background jobs go through RQ: on the real Redis to a worker, or inline with the embedded Redis."""
from rq import SimpleWorker
from sqlalchemy import select

from bot import jobs
from bot.record import Conversation, Message
from bot.simulator import Phone


def conversation_of(app, number):
    Phone.in_process(number, "+15875550000", app).text("hello")
    with app.extensions["passerelle.db"].session() as session:
        return session.execute(select(Conversation.id)).scalar()


def test_a_queued_send_is_made_by_a_worker(make_app, fake_twilio):
    app = make_app(TWILIO_API_URL=fake_twilio.url)
    conversation_id = conversation_of(app, "+15875554444")
    queue = app.extensions["passerelle.queue"]
    job = queue.enqueue(jobs.send_sms, conversation_id, "+15875554444", "Avez-vous pu joindre le service?", "fr")
    assert not fake_twilio.posts, "nothing is sent until a worker takes the job"
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
    job.refresh()
    assert job.is_finished and job.return_value().startswith("SM")
    assert fake_twilio.posts[-1]["To"] == "+15875554444"
    assert fake_twilio.posts[-1]["Body"] == "Avez-vous pu joindre le service?"
    with app.extensions["passerelle.db"].session() as session:
        sent = session.execute(select(Message).where(Message.status == "sent")).scalar_one()
        assert sent.conversation_id == conversation_id and sent.external_id == job.return_value()


def test_with_the_embedded_redis_jobs_run_at_once(make_app, fake_twilio):
    app = make_app(TWILIO_API_URL=fake_twilio.url, REDIS_URL="")
    conversation_id = conversation_of(app, "+15875554445")
    with app.app_context():
        job = app.extensions["passerelle.queue"].enqueue(jobs.send_sms, conversation_id, "+15875554445", "Hi")
    assert job.is_finished
    assert fake_twilio.posts[-1]["To"] == "+15875554445"
