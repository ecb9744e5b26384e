INSERT INTO staging.articles BY NAME SELECT * FROM staged_articles;
